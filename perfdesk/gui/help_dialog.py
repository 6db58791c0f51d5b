"""帮助 › 使用说明: what the cell colours mean, the keys, how to review and how to bring in a table.

The colours are taken from the grid's own palette, so the explanation cannot
drift from what the clerk sees.
"""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from perfdesk.core.layout.table import Role
from perfdesk.gui.geometry import fitted_size
from perfdesk.gui.table.model import BACKGROUNDS, ERROR_BACKGROUND, WARNING_BACKGROUND

PREFERRED_SIZE = (640, 620)

COLOURS = (
    (BACKGROUNDS[Role.INPUT], "白色", "需要您填写的格子。"),
    (BACKGROUNDS[Role.COMPUTED], "浅蓝灰色", "程序自动计算的得分、合计、执行率等，不能修改。"),
    (BACKGROUNDS[Role.LABEL], "浅灰色", "一级、二级指标名称和栏目名称。"),
    (ERROR_BACKGROUND, "粉红色", "有错误，必须改正：把鼠标停在格子上可看到原因。"),
    (WARNING_BACKGROUND, "浅黄色", "提醒，请核对（例如超额完成较多、分值比例与模板不同）。"),
)

KEYS = (
    ("直接打字", "开始填写当前格子，原内容被替换"),
    ("F2 或双击", "修改当前格子的内容"),
    ("Enter", "确认并移到下一格（默认向下；可在“编辑 › 按 Enter 键后向右移动”中改为向右）"),
    ("Tab / Shift+Tab", "移到右边 / 左边需要填写的格子（跳过自动计算的格子）"),
    ("Alt+Enter", "在长文字格子（如偏差原因）里换行"),
    ("Esc", "放弃正在输入的内容"),
    ("Delete", "清空选中的格子"),
    ("Ctrl+C / Ctrl+V", "复制 / 粘贴，可与 Excel、WPS 互相复制整块表格"),
    ("Ctrl+Z / Ctrl+Y", "撤销 / 重做"),
    ("Ctrl+S", "保存"),
)


def help_html() -> str:
    """The text of 使用说明 (HTML, shown in a QTextBrowser)."""
    colours = "".join(
        f"<tr><td style='background:{QColor(c).name()}; border:1px solid #999; width:48px'>&nbsp;</td>"
        f"<td>&nbsp;<b>{name}</b>：{text}</td></tr>"
        for c, name, text in COLOURS
    )
    keys = "".join(f"<tr><td><b>{key}</b></td><td>&nbsp;{text}</td></tr>" for key, text in KEYS)
    return f"""
<h3>开始</h3>
<p>每张自评表按一个模板（评分规则）填写，新建时选择。先在“编辑 › 项目信息”填写项目名称、年度等，
再逐行填写资金、年度目标和各项绩效指标：得分、合计和等级由程序按模板自动计算。
选错了模板，可用“编辑 › 更换模板…”改用其他模板：已填内容全部保留，按新模板重新排列、重新计分，可以撤销。</p>
<h3>单元格颜色</h3>
<table cellspacing='4'>{colours}</table>
<p>新建的表格不会一开始就满屏报错：某一部分还没填过时，“未填写”一类的问题先不显示；
开始填写这部分后随填随提示，保存、导出或打印时显示全部问题。</p>
<h3>常用按键</h3>
<table cellspacing='4'>{keys}</table>
<h3>审核</h3>
<p>窗口下方的“问题”一栏列出全部错误和提醒，点击它展开，点击某一条即跳到对应格子。
状态栏显示分值合计、总分、等级和验证码；打印件和 PDF 上印有同一验证码，
审核人可据此确认纸质表与电子表内容一致。导出或打印前请先用“文件 › 打印预览”查看。
审核模式下表格只读，“编辑 › 项目信息”和“人工评分”仍可打开，只读查看填报单位写的内容和理由。</p>
<h3>导入已有表格</h3>
<p>“文件 › 打开”可打开 PerfDesk 自评表（.pdesk）或由 PerfDesk 导出的 Excel 表；也可以把文件拖进窗口。
“文件 › 导入…”读入各单位手工制作的自评表：Excel（.xlsx、.xls、WPS 的 .et）、Word（.docx、.doc、WPS 的 .wps、
RTF）和 PDF（有表格线、能选中文字的；扫描件读不出文字）。读入后显示导入报告：每一项读自哪个格子、
哪些没有读懂、原表得分与规则得分是否一致。
其他 Excel 或 WPS 表格中的指标，也可以选中整块复制，再在本表的三级指标格子上按 Ctrl+V 粘贴。</p>
"""


class HelpDialog(QDialog):
    """A short manual in Chinese, sized to fit small screens."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("使用说明")
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(help_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(*fitted_size((parent or self).screen().availableGeometry(), PREFERRED_SIZE))
