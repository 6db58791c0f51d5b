# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'template_choice.ui'
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
    QLabel, QListWidget, QListWidgetItem, QSizePolicy,
    QVBoxLayout, QWidget)

class Ui_TemplateChoiceDialog(object):
    def setupUi(self, TemplateChoiceDialog):
        if not TemplateChoiceDialog.objectName():
            TemplateChoiceDialog.setObjectName(u"TemplateChoiceDialog")
        self.mainLayout = QVBoxLayout(TemplateChoiceDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.promptLabel = QLabel(TemplateChoiceDialog)
        self.promptLabel.setObjectName(u"promptLabel")

        self.mainLayout.addWidget(self.promptLabel)

        self.templateList = QListWidget(TemplateChoiceDialog)
        self.templateList.setObjectName(u"templateList")
        self.templateList.setMinimumWidth(360)

        self.mainLayout.addWidget(self.templateList)

        self.descriptionLabel = QLabel(TemplateChoiceDialog)
        self.descriptionLabel.setObjectName(u"descriptionLabel")
        self.descriptionLabel.setWordWrap(True)
        self.descriptionLabel.setMinimumHeight(60)
        self.descriptionLabel.setAlignment(Qt.AlignLeading|Qt.AlignLeft|Qt.AlignTop)

        self.mainLayout.addWidget(self.descriptionLabel)

        self.hintLabel = QLabel(TemplateChoiceDialog)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)
        self.hintLabel.setStyleSheet(u"color: #555555;")

        self.mainLayout.addWidget(self.hintLabel)

        self.buttonBox = QDialogButtonBox(TemplateChoiceDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.mainLayout.addWidget(self.buttonBox)


        self.retranslateUi(TemplateChoiceDialog)
        self.buttonBox.accepted.connect(TemplateChoiceDialog.accept)
        self.buttonBox.rejected.connect(TemplateChoiceDialog.reject)

        QMetaObject.connectSlotsByName(TemplateChoiceDialog)
    # setupUi

    def retranslateUi(self, TemplateChoiceDialog):
        TemplateChoiceDialog.setWindowTitle(QCoreApplication.translate("TemplateChoiceDialog", u"\u65b0\u5efa\u81ea\u8bc4\u8868", None))
        self.promptLabel.setText(QCoreApplication.translate("TemplateChoiceDialog", u"\u8bf7\u9009\u62e9\u672c\u8868\u4f9d\u636e\u7684\u6a21\u677f\uff08\u8bc4\u5206\u89c4\u5219\uff09\uff1a", None))
        self.hintLabel.setText(QCoreApplication.translate("TemplateChoiceDialog", u"PerfDesk \u4f1a\u8bb0\u4f4f\u8fd9\u6b21\u7684\u9009\u62e9\uff0c\u4e0b\u6b21\u65b0\u5efa\u65f6\u9884\u5148\u9009\u4e2d\uff1b\u968f\u65f6\u53ef\u7528\u201c\u6587\u4ef6 \u203a \u65b0\u5efa\u201d\u6362\u7528\u5176\u4ed6\u6a21\u677f\u3002", None))
    # retranslateUi

