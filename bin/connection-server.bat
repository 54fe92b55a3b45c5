@echo off
rem The Connection Server launcher (Windows). Builds the launcher jar first when it is missing.
rem JVM options come from CONNECTION_SERVER_OPTS.
setlocal
set "ROOT=%~dp0.."
set "JAR=%ROOT%\cx-server-app\target\connection-server.jar"
if not exist "%JAR%" (
  echo Building the launcher ^(first run only^)... 1>&2
  pushd "%ROOT%" && call mvn -B -q -ntp -DskipTests -pl cx-server-app -am package && popd
)
set "LOG_CONFIG="
if exist "%ROOT%\config\log4j2.xml" set "LOG_CONFIG=-Dlog4j2.configurationFile=%ROOT%\config\log4j2.xml"
java %CONNECTION_SERVER_OPTS% %LOG_CONFIG% -Dopencx.home="%ROOT%" -jar "%JAR%" %*
exit /b %ERRORLEVEL%
