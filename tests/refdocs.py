"""Reference documents as users' offices make them, for the --reference-doc tests.

``wps_minimal()`` is written by hand the way WPS Office writes a .docx: styles with numbers for
ids (1 = Normal, 2 = heading 1, …) and English built-in names, theme font references in the
defaults, the 公文 page (A4, 37/35/28/26 mm) with a linesAndChars grid, a footer with a PAGE
field, WPS's compatibility settings and its custom property KSOProductBuildVer. The
LibreOffice references are made at test time by LibreOffice itself (tests/pdfcheck.convert).
"""

from __future__ import annotations

import io
import zipfile

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_MC = ('xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
       'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14"')
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_CT = "application/vnd.openxmlformats-officedocument."

CONTENT_TYPES = _HEAD + (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{_CT}wordprocessingml.document.main+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{_CT}wordprocessingml.styles+xml"/>'
    f'<Override PartName="/word/settings.xml" ContentType="{_CT}wordprocessingml.settings+xml"/>'
    f'<Override PartName="/word/fontTable.xml" ContentType="{_CT}wordprocessingml.fontTable+xml"/>'
    f'<Override PartName="/word/footer1.xml" ContentType="{_CT}wordprocessingml.footer+xml"/>'
    f'<Override PartName="/word/theme/theme1.xml" ContentType="{_CT}theme+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    f'<Override PartName="/docProps/app.xml" ContentType="{_CT}extended-properties+xml"/>'
    f'<Override PartName="/docProps/custom.xml" ContentType="{_CT}custom-properties+xml"/>'
    '</Types>')

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
ROOT_RELS = _HEAD + (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}extended-properties" Target="docProps/app.xml"/>'
    f'<Relationship Id="rId4" Type="{_REL}custom-properties" Target="docProps/custom.xml"/>'
    '</Relationships>')

DOCUMENT_RELS = _HEAD + (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}styles" Target="styles.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}settings" Target="settings.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}footer" Target="footer1.xml"/>'
    f'<Relationship Id="rId4" Type="{_REL}theme" Target="theme/theme1.xml"/>'
    f'<Relationship Id="rId5" Type="{_REL}fontTable" Target="fontTable.xml"/>'
    '</Relationships>')

DOCUMENT = _HEAD + (
    f'<w:document {_W} {_R} {_MC}><w:body>'
    '<w:p><w:pPr><w:pStyle w:val="6"/></w:pPr><w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr>'
    '<w:t>XX市XX局文件</w:t></w:r></w:p>'
    '<w:p><w:pPr><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr></w:pPr><w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr>'
    '<w:t>正文。</w:t></w:r></w:p>'
    '<w:sectPr><w:footerReference w:type="default" r:id="rId3"/>'
    '<w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="851" w:footer="1588" w:gutter="0"/>'
    '<w:cols w:space="425" w:num="1"/><w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-849"/>'
    '</w:sectPr></w:body></w:document>')

FOOTER = _HEAD + (
    f'<w:ftr {_W} {_R} {_MC}><w:p><w:pPr><w:pStyle w:val="7"/><w:jc w:val="right"/></w:pPr>'
    '<w:r><w:t xml:space="preserve">— </w:t></w:r>'
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    '<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>')


def _style(kind: str, style_id: str, name: str, inner: str = "", default: bool = False) -> str:
    flag = ' w:default="1"' if default else ""
    return f'<w:style w:type="{kind}"{flag} w:styleId="{style_id}"><w:name w:val="{name}"/>{inner}</w:style>'


STYLES = _HEAD + (
    f'<w:styles {_W} {_MC}>'
    '<w:docDefaults><w:rPrDefault><w:rPr>'
    '<w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi" w:eastAsiaTheme="minorEastAsia" w:cstheme="minorBidi"/>'
    '<w:kern w:val="2"/><w:sz w:val="21"/><w:szCs w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
    '</w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>'
    '<w:latentStyles w:count="260" w:defQFormat="0" w:defUnhideWhenUsed="1" w:defSemiHidden="1" '
    'w:defUIPriority="99" w:defLockedState="0">'
    '<w:lsdException w:name="Normal" w:semiHidden="0" w:uiPriority="0" w:unhideWhenUsed="0" w:qFormat="1"/>'
    '<w:lsdException w:name="heading 1" w:semiHidden="0" w:uiPriority="0" w:unhideWhenUsed="0" w:qFormat="1"/>'
    '</w:latentStyles>'
    + _style("paragraph", "1", "Normal",
             '<w:uiPriority w:val="0"/><w:qFormat/><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr>'
             '<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋_GB2312" '
             'w:cs="Times New Roman"/><w:kern w:val="2"/><w:sz w:val="32"/><w:szCs w:val="32"/>'
             '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr>', default=True)
    + _style("paragraph", "2", "heading 1",
             '<w:basedOn w:val="1"/><w:next w:val="1"/><w:uiPriority w:val="0"/><w:qFormat/>'
             '<w:pPr><w:keepNext/><w:keepLines/><w:outlineLvl w:val="0"/></w:pPr>'
             '<w:rPr><w:rFonts w:eastAsia="黑体"/><w:kern w:val="44"/></w:rPr>')
    + _style("paragraph", "3", "heading 2",
             '<w:basedOn w:val="1"/><w:next w:val="1"/><w:unhideWhenUsed/><w:qFormat/>'
             '<w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:rFonts w:eastAsia="楷体_GB2312"/></w:rPr>')
    + _style("character", "4", "Default Paragraph Font",
             '<w:uiPriority w:val="0"/><w:semiHidden/>', default=True)
    + _style("table", "5", "Normal Table",
             '<w:uiPriority w:val="0"/><w:semiHidden/><w:tblPr><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
             '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
             '</w:tblCellMar></w:tblPr>', default=True)
    + _style("paragraph", "6", "Title",
             '<w:basedOn w:val="1"/><w:next w:val="1"/><w:uiPriority w:val="0"/><w:qFormat/><w:pPr><w:jc w:val="center"/></w:pPr>'
             '<w:rPr><w:rFonts w:eastAsia="方正小标宋简体"/><w:sz w:val="44"/></w:rPr>')
    + _style("paragraph", "7", "footer",
             '<w:basedOn w:val="1"/><w:uiPriority w:val="0"/>'
             '<w:pPr><w:tabs><w:tab w:val="center" w:pos="4153"/><w:tab w:val="right" w:pos="8306"/></w:tabs>'
             '<w:snapToGrid w:val="0"/><w:jc w:val="left"/></w:pPr><w:rPr><w:rFonts w:eastAsia="宋体"/><w:sz w:val="28"/></w:rPr>')
    + '</w:styles>')

SETTINGS = _HEAD + (
    f'<w:settings {_W} {_MC}><w:zoom w:percent="100"/><w:bordersDoNotSurroundHeader w:val="1"/>'
    '<w:bordersDoNotSurroundFooter w:val="1"/><w:documentProtection w:enforcement="0"/>'
    '<w:defaultTabStop w:val="420"/><w:drawingGridVerticalSpacing w:val="156"/>'
    '<w:displayHorizontalDrawingGridEvery w:val="0"/><w:displayVerticalDrawingGridEvery w:val="2"/>'
    '<w:characterSpacingControl w:val="compressPunctuation"/>'
    '<w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/>'
    '<w:ulTrailSpace/><w:doNotExpandShiftReturn/><w:adjustLineHeightInTable/><w:useFELayout/>'
    '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="14"/>'
    '</w:compat><w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
    '<w:clrSchemeMapping w:bg1="light1" w:t1="dark1" w:bg2="light2" w:t2="dark2" w:accent1="accent1" '
    'w:accent2="accent2" w:accent3="accent3" w:accent4="accent4" w:accent5="accent5" w:accent6="accent6" '
    'w:hyperlink="hyperlink" w:followedHyperlink="followedHyperlink"/></w:settings>')

FONT_TABLE = _HEAD + (
    f'<w:fonts {_W}>'
    '<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/>'
    '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
    '<w:font w:name="宋体"><w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/>'
    '<w:family w:val="auto"/><w:pitch w:val="default"/></w:font>'
    '<w:font w:name="仿宋_GB2312"><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="default"/></w:font>'
    '</w:fonts>')

_SCHEME = "".join(f'<a:{n}><a:srgbClr val="{v}"/></a:{n}>' for n, v in (
    ("dk2", "44546A"), ("lt2", "E7E6E6"), ("accent1", "4472C4"), ("accent2", "ED7D31"),
    ("accent3", "A5A5A5"), ("accent4", "FFC000"), ("accent5", "5B9BD5"), ("accent6", "70AD47"),
    ("hlink", "0563C1"), ("folHlink", "954F72")))
_FILL = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
_LINE = '<a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>'
_FONTS = '<a:latin typeface="Times New Roman"/><a:ea typeface="宋体"/><a:cs typeface=""/>'
THEME = _HEAD + (
    '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="WPS">'
    '<a:themeElements><a:clrScheme name="WPS">'
    '<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>'
    f'{_SCHEME}</a:clrScheme>'
    f'<a:fontScheme name="WPS"><a:majorFont>{_FONTS}</a:majorFont><a:minorFont>{_FONTS}</a:minorFont></a:fontScheme>'
    f'<a:fmtScheme name="WPS"><a:fillStyleLst>{_FILL * 3}</a:fillStyleLst>'
    f'<a:lnStyleLst>{_LINE * 3}</a:lnStyleLst>'
    f'<a:effectStyleLst>{"<a:effectStyle><a:effectLst/></a:effectStyle>" * 3}</a:effectStyleLst>'
    f'<a:bgFillStyleLst>{_FILL * 3}</a:bgFillStyleLst></a:fmtScheme>'
    '</a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>')

CORE = _HEAD + (
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    '<dc:creator>XX局办公室</dc:creator><cp:lastModifiedBy>XX局办公室</cp:lastModifiedBy>'
    '<dcterms:created xsi:type="dcterms:W3CDTF">2024-03-01T08:00:00Z</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">2024-03-01T08:00:00Z</dcterms:modified>'
    '</cp:coreProperties>')

APP = _HEAD + (
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    '<Template>Normal</Template><Pages>1</Pages><Words>0</Words><Characters>0</Characters>'
    '<Lines>0</Lines><Paragraphs>0</Paragraphs><ScaleCrop>false</ScaleCrop>'
    '<LinksUpToDate>false</LinksUpToDate><CharactersWithSpaces>0</CharactersWithSpaces>'
    '<Application>WPS Office_12.1.0.16929_F1E327BC-269C-435d-A152-05C5408002CA</Application>'
    '<DocSecurity>0</DocSecurity></Properties>')

CUSTOM = _HEAD + (
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer">'
    '<vt:lpwstr>2052-12.1.0.16929</vt:lpwstr></property></Properties>')


def wps_minimal() -> bytes:
    """A minimal .docx as WPS writes one: see the module's docstring."""
    parts = {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": ROOT_RELS,
             "word/_rels/document.xml.rels": DOCUMENT_RELS, "word/document.xml": DOCUMENT,
             "word/styles.xml": STYLES, "word/settings.xml": SETTINGS, "word/fontTable.xml": FONT_TABLE,
             "word/footer1.xml": FOOTER, "word/theme/theme1.xml": THEME, "docProps/core.xml": CORE,
             "docProps/app.xml": APP, "docProps/custom.xml": CUSTOM}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(zipfile.ZipInfo(name, (2024, 3, 1, 8, 0, 0)), text.encode("utf-8"))
    return out.getvalue()
