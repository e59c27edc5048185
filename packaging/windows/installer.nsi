; NSIS script of the Windows installer: a pynsist template (Jinja with square-bracket tags), in
; place of pynsist's pyapp.nsi, for four reasons:
;   - no administrator rights ever: RequestExecutionLevel user and a per-user folder, where
;     pyapp.nsi asks for elevation whenever the user is an administrator (MultiUser "Highest");
;   - packages go into Python\Lib\site-packages, a site directory of the embedded Python, so the
;     .pth files there (pywin32's) work when Excel starts pythonw.exe, not only in pynsist's
;     launchers;
;   - Vietnamese Start-menu entries and installer pages, and an uninstall entry;
;   - /S and /D=<folder> work as in any NSIS installer (MultiUser.nsh breaks /D).
; build.sh runs makensis on the result with -INPUTCHARSET UTF8.

!define PRODUCT_NAME "[[ib.appname]]"
!define PRODUCT_VERSION "[[ib.version]]"
!define INSTALLER_NAME "[[ib.installer_name]]"
!define PRODUCT_ICON "[[icon]]"
!define MENU_FOLDER "Báo cáo thông tin đối ngoại"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${PRODUCT_NAME}"

; A 64-bit installer for a 64-bit Python (Debian's nsis ships the amd64 stubs); Wine can then run
; it without 32-bit Wine.
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT_NAME}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"

!include "MUI2.nsh"
!define MUI_ABORTWARNING
!define MUI_ICON "[[icon]]"
!define MUI_UNICON "[[icon]]"
!define MUI_FINISHPAGE_RUN
!define MUI_FINISHPAGE_RUN_FUNCTION MakeSchoolWorkbook
!define MUI_FINISHPAGE_RUN_TEXT "Tạo tệp báo cáo của trường ngay bây giờ"
!define MUI_FINISHPAGE_RUN_NOTCHECKED
!define MUI_FINISHPAGE_SHOWREADME "$INSTDIR\huong-dan.html"
!define MUI_FINISHPAGE_SHOWREADME_TEXT "Mở hướng dẫn sử dụng"
!define MUI_FINISHPAGE_SHOWREADME_NOTCHECKED
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Vietnamese"

Name "outreach-xl ${PRODUCT_VERSION}"
OutFile "${INSTALLER_NAME}"
ShowInstDetails show
ShowUninstDetails show

Function .onInit
  SetShellVarContext current
FunctionEnd

Function MakeSchoolWorkbook
  Exec '"$INSTDIR\Python\pythonw.exe" "$INSTDIR\lam_tep.pyw" truong'
FunctionEnd

Function un.onInit
  SetShellVarContext current
FunctionEnd

Section "!${PRODUCT_NAME}" sec_app
  SectionIn RO
  SetOverwrite on

  ; An upgrade replaces the packages rather than mixing two versions.
  RMDir /r "$INSTDIR\Python"
  RMDir /r "$INSTDIR\bin"

  ; Files and folders pynsist prepared: the embeddable Python, bin\outreach-xl.exe, the packages
  ; (into Python\Lib\site-packages), listed file by file in sorted order by build.sh (files.nsh),
  ; since File /r would follow the build machine's directory order; then the launcher, the guide,
  ; xlwings' DLL (beside pythonw.exe, where xlwings' VBA looks for it).
  [% for dir, destination in ib.install_dirs %]
    [% if dir not in ('Python', 'bin') %]
  !error "pynsist prepared a folder files.nsh does not list: [[dir]]"
    [% endif %]
  [% endfor %]
  !include "files.nsh"
  [% for destination, group in grouped_files %]
  SetOutPath "[[destination]]"
    [% for file in group %]
  File "[[ file ]]"
    [% endfor %]
  [% endfor %]


  ; Start menu. The working folder of the entries is the user's Documents.
  SetOutPath "$DOCUMENTS"
  CreateDirectory "$SMPROGRAMS\${MENU_FOLDER}"
  CreateShortCut "$SMPROGRAMS\${MENU_FOLDER}\Tạo tệp báo cáo của trường.lnk" \
    "$INSTDIR\Python\pythonw.exe" '"$INSTDIR\lam_tep.pyw" truong' "$INSTDIR\${PRODUCT_ICON}"
  CreateShortCut "$SMPROGRAMS\${MENU_FOLDER}\Tạo tệp tổng hợp của đơn vị.lnk" \
    "$INSTDIR\Python\pythonw.exe" '"$INSTDIR\lam_tep.pyw" donvi' "$INSTDIR\${PRODUCT_ICON}"
  CreateShortCut "$SMPROGRAMS\${MENU_FOLDER}\Hướng dẫn sử dụng.lnk" "$INSTDIR\huong-dan.html"
  CreateShortCut "$SMPROGRAMS\${MENU_FOLDER}\Gỡ cài đặt outreach-xl.lnk" "$INSTDIR\uninstall.exe"
  SetOutPath "$INSTDIR"

  [% if has_commands %]
  ; `outreach-xl` in a Command Prompt: bin\ on this user's PATH.
  DetailPrint "Thêm lệnh outreach-xl vào PATH của người dùng..."
  nsExec::ExecToLog '[[ python ]] -Es "$INSTDIR\_system_path.py" add_user "$INSTDIR\bin"'
  [% endif %]

  DetailPrint "Biên dịch trước các mô-đun Python..."
  nsExec::ExecToLog '[[ python ]] -m compileall -q "$INSTDIR\Python\Lib\site-packages"'

  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "outreach-xl (Báo cáo thông tin đối ngoại)"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${PRODUCT_ICON}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${PRODUCT_VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "[[ib.publisher]]"
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

; Removes the program only: the workbooks and reports in Documents are the user's and stay.
Section "Uninstall"
  [% if has_commands %]
  nsExec::ExecToLog '[[ python ]] -Es "$INSTDIR\_system_path.py" remove_user "$INSTDIR\bin"'
  [% endif %]
  RMDir /r "$SMPROGRAMS\${MENU_FOLDER}"
  [% for dir, destination in ib.install_dirs %]
  RMDir /r "[[ pjoin(destination, dir) ]]"
  [% endfor %]
  [% for file, destination in ib.install_files %]
  Delete "[[ pjoin(destination, file) ]]"
  [% endfor %]
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd
