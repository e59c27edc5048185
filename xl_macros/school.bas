Attribute VB_Name = "OutreachSchool"
' Every word users see comes from Python (outreach_xl.excel); these subs only call it.
Option Explicit

Sub CheckEntries()
    RunPython "import outreach_xl.excel as x; x.validate()"
End Sub

Sub MakeReport()
    RunPython "import outreach_xl.excel as x; x.generate_report()"
End Sub
