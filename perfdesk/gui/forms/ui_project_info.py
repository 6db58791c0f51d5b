# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'project_info.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_ProjectInfoDialog(object):
    def setupUi(self, ProjectInfoDialog):
        if not ProjectInfoDialog.objectName():
            ProjectInfoDialog.setObjectName(u"ProjectInfoDialog")
        self.mainLayout = QVBoxLayout(ProjectInfoDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.nameLabel = QLabel(ProjectInfoDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.nameEdit = QLineEdit(ProjectInfoDialog)
        self.nameEdit.setObjectName(u"nameEdit")
        self.nameEdit.setMinimumWidth(320)

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.departmentLabel = QLabel(ProjectInfoDialog)
        self.departmentLabel.setObjectName(u"departmentLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.departmentLabel)

        self.departmentEdit = QLineEdit(ProjectInfoDialog)
        self.departmentEdit.setObjectName(u"departmentEdit")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.departmentEdit)

        self.implementerLabel = QLabel(ProjectInfoDialog)
        self.implementerLabel.setObjectName(u"implementerLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.implementerLabel)

        self.implementerEdit = QLineEdit(ProjectInfoDialog)
        self.implementerEdit.setObjectName(u"implementerEdit")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.implementerEdit)

        self.yearLabel = QLabel(ProjectInfoDialog)
        self.yearLabel.setObjectName(u"yearLabel")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.yearLabel)

        self.yearEdit = QLineEdit(ProjectInfoDialog)
        self.yearEdit.setObjectName(u"yearEdit")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.yearEdit)

        self.leaderLabel = QLabel(ProjectInfoDialog)
        self.leaderLabel.setObjectName(u"leaderLabel")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.leaderLabel)

        self.leaderEdit = QLineEdit(ProjectInfoDialog)
        self.leaderEdit.setObjectName(u"leaderEdit")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.leaderEdit)

        self.phoneLabel = QLabel(ProjectInfoDialog)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.phoneLabel)

        self.phoneEdit = QLineEdit(ProjectInfoDialog)
        self.phoneEdit.setObjectName(u"phoneEdit")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.phoneEdit)

        self.moneyUnitLabel = QLabel(ProjectInfoDialog)
        self.moneyUnitLabel.setObjectName(u"moneyUnitLabel")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.moneyUnitLabel)

        self.moneyUnitCombo = QComboBox(ProjectInfoDialog)
        self.moneyUnitCombo.addItem("")
        self.moneyUnitCombo.addItem("")
        self.moneyUnitCombo.setObjectName(u"moneyUnitCombo")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.moneyUnitCombo)


        self.mainLayout.addLayout(self.formLayout)

        self.buttonBox = QDialogButtonBox(ProjectInfoDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.nameEdit)
        self.departmentLabel.setBuddy(self.departmentEdit)
        self.implementerLabel.setBuddy(self.implementerEdit)
        self.yearLabel.setBuddy(self.yearEdit)
        self.leaderLabel.setBuddy(self.leaderEdit)
        self.phoneLabel.setBuddy(self.phoneEdit)
        self.moneyUnitLabel.setBuddy(self.moneyUnitCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ProjectInfoDialog)
        self.buttonBox.accepted.connect(ProjectInfoDialog.accept)
        self.buttonBox.rejected.connect(ProjectInfoDialog.reject)

        QMetaObject.connectSlotsByName(ProjectInfoDialog)
    # setupUi

    def retranslateUi(self, ProjectInfoDialog):
        ProjectInfoDialog.setWindowTitle(QCoreApplication.translate("ProjectInfoDialog", u"\u9879\u76ee\u4fe1\u606f", None))
        self.nameLabel.setText(QCoreApplication.translate("ProjectInfoDialog", u"\u9879\u76ee\u540d\u79f0\uff1a", None))
        self.departmentLabel.setText(QCoreApplication.translate("ProjectInfoDialog", u"\u4e3b\u7ba1\u90e8\u95e8\uff1a", None))
        self.implementerLabel.setText(QCoreApplication.translate("ProjectInfoDialog", u"\u5b9e\u65bd\u5355\u4f4d\uff1a", None))
        self.yearLabel.setText(QCoreApplication.translate("ProjectInfoDialog", u"\u5e74\u5ea6\uff1a", None))
        self.yearEdit.setPlaceholderText(QCoreApplication.translate("ProjectInfoDialog", u"\u4f8b\u5982 2022", None))
        self.leaderLabel.setText(QCoreApplication.translate("ProjectInfoDialog", u"\u9879\u76ee\u8d1f\u8d23\u4eba\uff1a", None))
        self.phoneLabel.setText(QCoreApplication.translate("ProjectInfoDialog", u"\u8054\u7cfb\u7535\u8bdd\uff1a", None))
        self.moneyUnitLabel.setText(QCoreApplication.translate("ProjectInfoDialog", u"\u91d1\u989d\u5355\u4f4d\uff1a", None))
        self.moneyUnitCombo.setItemText(0, QCoreApplication.translate("ProjectInfoDialog", u"\u4e07\u5143", None))
        self.moneyUnitCombo.setItemText(1, QCoreApplication.translate("ProjectInfoDialog", u"\u5143", None))

    # retranslateUi

