# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'about.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QLabel, QSizePolicy, QVBoxLayout, QWidget)

class Ui_AboutDialog(object):
    def setupUi(self, AboutDialog):
        if not AboutDialog.objectName():
            AboutDialog.setObjectName(u"AboutDialog")
        self.mainLayout = QVBoxLayout(AboutDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.titleLabel = QLabel(AboutDialog)
        self.titleLabel.setObjectName(u"titleLabel")

        self.mainLayout.addWidget(self.titleLabel)

        self.versionLabel = QLabel(AboutDialog)
        self.versionLabel.setObjectName(u"versionLabel")

        self.mainLayout.addWidget(self.versionLabel)

        self.purposeLabel = QLabel(AboutDialog)
        self.purposeLabel.setObjectName(u"purposeLabel")
        self.purposeLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.purposeLabel)

        self.codeLabel = QLabel(AboutDialog)
        self.codeLabel.setObjectName(u"codeLabel")
        self.codeLabel.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.mainLayout.addWidget(self.codeLabel)

        self.licenceLabel = QLabel(AboutDialog)
        self.licenceLabel.setObjectName(u"licenceLabel")
        self.licenceLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.licenceLabel)

        self.buttonBox = QDialogButtonBox(AboutDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Close)

        self.mainLayout.addWidget(self.buttonBox)


        self.retranslateUi(AboutDialog)
        self.buttonBox.rejected.connect(AboutDialog.reject)

        QMetaObject.connectSlotsByName(AboutDialog)
    # setupUi

    def retranslateUi(self, AboutDialog):
        AboutDialog.setWindowTitle(QCoreApplication.translate("AboutDialog", u"\u5173\u4e8e PerfDesk", None))
        self.titleLabel.setText(QCoreApplication.translate("AboutDialog", u"<h2>PerfDesk \u7ee9\u6548\u81ea\u8bc4\u52a9\u624b</h2>", None))
        self.purposeLabel.setText(QCoreApplication.translate("AboutDialog", u"\u79bb\u7ebf\u586b\u5199\u9879\u76ee\u652f\u51fa\u7ee9\u6548\u81ea\u8bc4\u8868\uff0c\u6309\u89c4\u5219\u5b9e\u65f6\u8ba1\u7b97\u5f97\u5206\u3001\u63d0\u793a\u95ee\u9898\uff0c\u5e76\u5bfc\u51fa Excel / PDF\u3002", None))
        self.licenceLabel.setText(QCoreApplication.translate("AboutDialog", u"\u4e2d\u6587\u5b57\u4f53\uff1aDroid Sans Fallback\uff0c\u4f9d\u636e Apache License 2.0 \u968f\u7a0b\u5e8f\u5206\u53d1\uff08\u8bb8\u53ef\u8bc1\u5168\u6587\u89c1 resources/fonts/LICENSE-DroidSansFallback.txt\uff09\u3002", None))
    # retranslateUi

