"""PerfDesk: fill, score, check and export the 项目支出绩效自评表 offline."""

__version__ = "0.1.0"
