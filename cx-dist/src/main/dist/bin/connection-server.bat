@echo off
rem The Connection Server launcher of the distribution (Windows): runs from the unpacked folder
rem (bin\, conf\, lib\, logs\). connection-server run [--config F] | demo | tunnel | keystore | secrets | help
rem JVM options come from CONNECTION_SERVER_OPTS; a -Dconfig.file or -Dlog4j2.configurationFile
rem there wins over conf\. Java 17 or later: %JAVA_HOME%\bin\java, else java.
setlocal
for %%i in ("%~dp0..") do set "OPENCX_HOME=%%~fi"
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java"
"%JAVA%" "-Dopencx.home=%OPENCX_HOME%" "-Dconfig.file=%OPENCX_HOME%\conf\cxserver.conf" "-Dlog4j2.configurationFile=%OPENCX_HOME%\conf\log4j2.xml" %CONNECTION_SERVER_OPTS% -cp "%OPENCX_HOME%\lib\*" org.opencx.server.Main %*
exit /b %ERRORLEVEL%
