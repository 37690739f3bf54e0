@echo off
rem Lync Doctor command line, shipped beside LyncDoctor.exe: the same flags, output and exit codes as
rem `lyncdoctor` (0 = no error finding, 1 = an error finding, 2 = usage/internal error). No window opens.
rem "start /wait /b" makes cmd wait for the (GUI-subsystem) exe and hand back its exit code.
setlocal
start "" /wait /b "%~dp0LyncDoctor.exe" --cli %*
exit /b %ERRORLEVEL%
