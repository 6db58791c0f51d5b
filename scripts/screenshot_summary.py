"""Screenshot of the 汇总 window reading a folder of fifteen county tables.

`.venv/bin/python scripts/screenshot_summary.py` writes docs/screenshot-summary.png:
the worked example, edited through the core into fifteen projects of several
departments (two with errors, one submitted, one accepted-looking copy, one
duplicate) plus a damaged file, read on a 1366×768 offscreen screen.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scripts.laptop_screen import run_on_laptop  # noqa: E402


def _folder(folder: Path) -> None:
    from tests.gui.summary_tables import Table, write_tables

    write_tables(folder, [
        Table("司法局/社区矫正.pdesk", "社区矫正经费", "区司法局", "区司法局", "38", "19.62"),
        Table("司法局/法律援助.pdesk", "法律援助专项经费", "区司法局", "区法律援助中心", "12", "11.4", claims=False,
              submitted=True),
        Table("司法局/人民调解.pdesk", "人民调解员补贴", "区司法局", "区司法局", "6.5", "6.5", claims=False),
        Table("交通局/农村公路养护.pdesk", "农村公路日常养护", "区交通运输局", "区公路建设养护中心", "420", "396.8"),
        Table("交通局/客运站改造.pdesk", "城乡客运站改造", "区交通运输局", "区道路运输服务中心", "260", "131.2",
              blank_actuals=2),
        Table("水利局/饮水安全.pdesk", "农村饮水安全巩固提升", "区水利局", "区水利局", "186", "179.3", claims=False,
              submitted=True),
        Table("水利局/河道治理.pdesk", "中小河流治理", "区水利局", "区河道管理所", "530", "498", claims=False),
        Table("水利局/山塘清淤.pdesk", "山塘清淤扩容", "区水利局", "区水利局", "75", "40.5", blank_actuals=1),
        Table("民政局/居家养老.pdesk", "居家养老服务补贴", "区民政局", "区社会福利中心", "96", "96", claims=False),
        Table("民政局/低保.pdesk", "城乡低保资金", "区民政局", "区民政局", "1280", "1264.7", claims=False,
              submitted=True),
        Table("教育局/营养改善.pdesk", "农村义务教育学生营养改善计划", "区教育局", "区学生资助中心", "310", "305",
              claims=False),
        Table("教育局/校舍维修.pdesk", "中小学校舍维修改造", "区教育局", "区教育后勤服务中心", "145", "88.6"),
        Table("卫健委/基本公卫.pdesk", "基本公共卫生服务", "区卫生健康局", "区疾病预防控制中心", "402", "397",
              claims=False),
        Table("卫健委/家庭医生.pdesk", "家庭医生签约服务", "", "区人民医院", "54", "49.9", claims=False),
    ])
    shutil.copy(folder / "水利局/饮水安全.pdesk", folder / "水利局/饮水安全（重报）.pdesk")
    (folder / "卫健委/疫苗冷链.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")


def shoot(output: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from perfdesk.gui.app import AppContext
    from perfdesk.gui.launch import create_qapplication
    from perfdesk.gui.summary.window import SummaryWindow

    app = create_qapplication([])
    context = AppContext.create()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "2023年度项目支出绩效自评"
        _folder(folder)
        window = SummaryWindow(context, [folder], workers=1)
        window.unit_edit.setText("益阳市资阳区财政局")
        window.resize(window.screen().availableGeometry().size())
        window.show()
        while window.busy:
            app.processEvents()
            time.sleep(0.01)
        window.table.selectRow(3)
        app.processEvents()
        window.grab().save(str(output))
        window.close()
        while window.busy:
            app.processEvents()
    QApplication.closeAllWindows()


def main() -> int:
    if len(sys.argv) == 2:
        shoot(Path(sys.argv[1]))
        return 0
    run_on_laptop(__file__, ROOT / "docs" / "screenshot-summary.png")
    print("docs/screenshot-summary.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
