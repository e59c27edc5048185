Attribute VB_Name = "OutreachDistrict"
' Every word users see comes from Python (outreach_xl.excel); these subs only call it.
Option Explicit

Sub MergeSchools()
    RunPython "import outreach_xl.excel as x; x.rollup()"
End Sub

Sub MakeDistrictReport()
    RunPython "import outreach_xl.excel as x; x.district_report()"
End Sub
