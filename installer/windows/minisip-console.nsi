; Windows installer for minisip-console: NSIS (Nullsoft Scriptable Install System) 3.
;
; Build it from the PyInstaller one-folder bundle (build_installer.spec):
;   makensis -DPAYLOAD=%CD%\dist\minisip-console -DVERSION=0.1.0 -DOUTDIR=%CD%\dist installer\windows\minisip-console.nsi
; makensis works in this script's folder, so PAYLOAD and OUTDIR are absolute (or relative to it).
; Optional: -DVI_VERSION=1.2.3.4 (the four numbers of the version resource, when VERSION is not
; three plain numbers), -DNOCOMPRESS (a quick, uncompressed build to check the script).
;
; What it does: a per-user install that needs no administrator rights (RequestExecutionLevel
; user, into %LOCALAPPDATA%\Programs\minisip-console, the place Windows itself uses for per-user
; programs), a Start-menu entry for the window, an uninstaller registered under HKCU's Uninstall
; key (so it is in Settings > Apps), and an optional section that puts minisip-console-cli on the
; user's own PATH (HKCU\Environment), which the uninstaller takes off again.
;
; Why NSIS and not Inno Setup or WiX: Debian packages makensis, so the very same script is
; compiled on Linux in .ci/run against the Linux payload and on Windows in the GitHub workflow;
; Inno Setup's compiler runs only on Windows (or under Wine), so nothing here could check its
; script; WiX needs .NET on Windows, and its Linux counterpart wixl (msitools) builds MSIs
; without a user interface (no pages, no optional component to choose) and without the custom
; actions the PATH option needs. NSIS needs no runtime on the user's machine either.
;
; Paths read at compile time use forward slashes, which makensis takes on Windows and on Linux
; alike; paths on the user's machine ($INSTDIR...) use backslashes.
;
; The payload is copied whole with File /r; the uninstaller deletes the executables and the
; _internal folder it installed, never the folder recursively, so a user who pointed the install at
; a folder with files of their own keeps them.

Unicode true
ManifestDPIAware true
RequestExecutionLevel user  ; per-user: no UAC prompt, nothing outside the user's profile

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "StrFunc.nsh"
!include "WinMessages.nsh"

; ---- what the command line must say ------------------------------------------------------------
!ifndef PAYLOAD
  !error "give the PyInstaller folder: makensis -DPAYLOAD=dist\minisip-console -DVERSION=x.y.z ..."
!endif
!ifndef VERSION
  !error "give the version (minisip_console.__version__): makensis -DVERSION=x.y.z ..."
!endif
!ifndef OUTDIR
  !define OUTDIR "."
!endif
!ifndef VI_VERSION
  ; "0.1.0" -> "0.1.0.0"; a version with letters ("1.0rc1") needs -DVI_VERSION
  !define VI_VERSION "${VERSION}.0"
!endif

!define APP_NAME "minisip-console"
!define DISPLAY_NAME "miniSIP Console"
!define PUBLISHER "Cloud miniSIPServer"
!define GUI_EXE "minisip-console.exe"
!define CLI_EXE "minisip-console-cli.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_NAME}"
!define ENV_KEY "Environment"  ; HKCU\Environment: the user's own variables, PATH among them
!define ROOT "../.."  ; makensis works in the script's own folder (unless /NOCD)

; a Windows bundle must have both executables; .ci/run compiles against the Linux bundle
; (the same files without .exe) with -DLINUX_PAYLOAD, only to check this script
!ifdef LINUX_PAYLOAD
  !if ! /FileExists "${PAYLOAD}/minisip-console-cli"
    !error "${PAYLOAD} is not a PyInstaller bundle of minisip-console (no minisip-console-cli)"
  !endif
!else
  !if ! /FileExists "${PAYLOAD}/${CLI_EXE}"
    !error "${PAYLOAD} has no ${CLI_EXE}: build the bundle on Windows with build_installer.spec first"
  !endif
  !if ! /FileExists "${PAYLOAD}/${GUI_EXE}"
    !error "${PAYLOAD} has no ${GUI_EXE}: build the bundle on Windows with build_installer.spec first"
  !endif
!endif

!ifdef NOCOMPRESS
  SetCompress off
!else
  SetCompressor /SOLID lzma
!endif

Name "${DISPLAY_NAME} ${VERSION}"
OutFile "${OUTDIR}/${APP_NAME}-${VERSION}-setup.exe"
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"  ; an update goes where the last install went
BrandingText "${DISPLAY_NAME} ${VERSION}"

VIProductVersion "${VI_VERSION}"
VIFileVersion "${VI_VERSION}"
VIAddVersionKey /LANG=1033 "ProductName" "${DISPLAY_NAME}"
VIAddVersionKey /LANG=1033 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1033 "FileDescription" "${DISPLAY_NAME} installer"
VIAddVersionKey /LANG=1033 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "LegalCopyright" "${PUBLISHER}"

; ---- pages -------------------------------------------------------------------------------------
!define MUI_ICON "${ROOT}/resources/icons/app.ico"
!define MUI_UNICON "${ROOT}/resources/icons/app.ico"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_SMALLDESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\${GUI_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Start ${DISPLAY_NAME}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"

; StrFunc's functions are declared once before use (the un. ones for the uninstaller)
${StrLoc}
${UnStrRep}

; ---- install -----------------------------------------------------------------------------------
Section "${DISPLAY_NAME} (required)" SecApp
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; an update replaces the bundle whole: libraries of the previous version must not linger
  RMDir /r "$INSTDIR\_internal"
  File /r "${PAYLOAD}/*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${DISPLAY_NAME}.lnk" "$INSTDIR\${GUI_EXE}" "" "$INSTDIR\${GUI_EXE}" 0

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${DISPLAY_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${GUI_EXE},0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section /o "Add the command line to PATH" SecPath
  ; the user's own PATH (HKCU\Environment), so `minisip-console-cli` works in a new terminal and
  ; in the user's scheduled tasks; the system PATH would need administrator rights
  ClearErrors
  ReadRegStr $0 HKCU "${ENV_KEY}" "Path"
  ${If} ${Errors}
    ; no value, or one longer than NSIS's strings (1024 characters): tell the two apart, since
    ; writing back a truncated PATH would break the user's other programs
    StrCpy $1 0
    StrCpy $3 ""
    ${Do}
      EnumRegValue $2 HKCU "${ENV_KEY}" $1
      ${IfThen} $2 == "" ${|} ${ExitDo} ${|}
      ${If} $2 == "Path"  ; StrCmp is case-insensitive, as Windows' names are
        StrCpy $3 "exists"
        ${ExitDo}
      ${EndIf}
      IntOp $1 $1 + 1
    ${Loop}
    ${If} $3 == "exists"
      DetailPrint "Your PATH is too long to change safely; add $INSTDIR to it yourself."
      MessageBox MB_OK|MB_ICONEXCLAMATION "Your PATH is longer than this installer can edit safely, so it was left as it was.$\r$\nTo run minisip-console-cli from a terminal, add this folder to PATH yourself:$\r$\n$INSTDIR" /SD IDOK
      Return
    ${EndIf}
    StrCpy $0 ""
  ${EndIf}

  ${StrLoc} $1 ";$0;" ";$INSTDIR;" ">"
  ${If} $1 != ""
    DetailPrint "$INSTDIR is already on your PATH"
  ${Else}
    StrLen $1 "$0;$INSTDIR"
    ${If} $1 >= ${NSIS_MAX_STRLEN}
      MessageBox MB_OK|MB_ICONEXCLAMATION "Your PATH would become longer than this installer can write, so it was left as it was.$\r$\nAdd this folder to PATH yourself:$\r$\n$INSTDIR" /SD IDOK
      Return
    ${EndIf}
    ${If} $0 == ""
      StrCpy $0 "$INSTDIR"
    ${Else}
      StrCpy $0 "$0;$INSTDIR"
    ${EndIf}
    WriteRegExpandStr HKCU "${ENV_KEY}" "Path" "$0"
    WriteRegDWORD HKCU "${UNINSTALL_KEY}" "AddedToPath" 1  ; so the uninstaller takes it off
    ; tell Explorer (and so every terminal started from now on) that the environment changed
    SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
    DetailPrint "Added $INSTDIR to your PATH"
  ${EndIf}
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecApp} "The console (a window) and its command line (minisip-console-cli), with a Start-menu entry."
  !insertmacro MUI_DESCRIPTION_TEXT ${SecPath} "Put this folder on your own PATH, so that terminals and scheduled tasks find minisip-console-cli."
!insertmacro MUI_FUNCTION_DESCRIPTION_END

; ---- uninstall ---------------------------------------------------------------------------------
Section "Uninstall"
  ; only ever delete an install of ours: the folder must hold our command line
  ${IfNot} ${FileExists} "$INSTDIR\${CLI_EXE}"
    MessageBox MB_OK|MB_ICONSTOP "$INSTDIR does not look like a ${DISPLAY_NAME} install; nothing was removed." /SD IDOK
    Abort
  ${EndIf}

  ReadRegDWORD $0 HKCU "${UNINSTALL_KEY}" "AddedToPath"
  ${If} $0 == 1
    ClearErrors
    ReadRegStr $1 HKCU "${ENV_KEY}" "Path"
    ${IfNot} ${Errors}
      ; take off every ";INSTDIR" (and INSTDIR alone or first), leave the rest as it was
      ${UnStrRep} $2 ";$1;" ";$INSTDIR;" ";"
      ; drop the two guard semicolons added above
      StrCpy $2 $2 "" 1
      StrCpy $2 $2 -1
      ${If} $2 == ""
        DeleteRegValue HKCU "${ENV_KEY}" "Path"  ; ours was the only folder on it
        SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
      ${ElseIf} $2 != $1
        WriteRegExpandStr HKCU "${ENV_KEY}" "Path" "$2"
        SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
      ${EndIf}
    ${EndIf}
  ${EndIf}

  Delete "$SMPROGRAMS\${DISPLAY_NAME}.lnk"
  Delete "$INSTDIR\${GUI_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"  ; only if empty: files the user put there stay
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd
