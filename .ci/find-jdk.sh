# Sourced by .ci/run and ./autocall: points JAVA_HOME at a JDK 21 or newer (the build targets Java 21), without a fixed path.
java_major() { "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
  :
else
  JAVA_HOME=""
  for candidate in /usr/lib/jvm/* /opt/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    if [ -x "$candidate/bin/javac" ] && [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then
      JAVA_HOME="$candidate"
    fi
  done
  if [ -z "$JAVA_HOME" ] && command -v javac >/dev/null; then
    candidate="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
    [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null && JAVA_HOME="$candidate"
  fi
  if [ -z "$JAVA_HOME" ]; then
    echo "Autocall needs a JDK 21 or newer: install one (e.g. Temurin 21) or set JAVA_HOME." >&2
    exit 1
  fi
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
