# Sourced by every launcher: finds a JDK >= 21 and the project root.
# Order: $JAVA_HOME, then the usual install places (newest first). Nothing is set by hand.
CVOTE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export CVOTE_ROOT

_cvote_java_major() {  # prints the major version of the JDK at $1, or nothing
  local v
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1)
  case "$v" in 1.*) v=${v#1.}; v=${v%%.*};; esac
  echo "$v"
}

cvote_find_jdk() {
  local cand major best="" bestmajor=0
  if [ -n "${JAVA_HOME:-}" ]; then
    major=$(_cvote_java_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then echo "$JAVA_HOME"; return 0; fi
  fi
  for cand in /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
              /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$cand" ] || continue
    major=$(_cvote_java_major "$cand")
    [ -n "$major" ] || continue
    if [ "$major" -ge 21 ] && [ "$major" -gt "$bestmajor" ]; then best="$cand"; bestmajor="$major"; fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    cand=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(_cvote_java_major "$cand")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then best="$cand"; fi
  fi
  [ -n "$best" ] && echo "$best"
}

if ! JAVA_HOME="$(cvote_find_jdk)" || [ -z "$JAVA_HOME" ]; then
  echo "cvote: no JDK 21 or newer found." >&2
  echo "  Looked at \$JAVA_HOME (${JAVA_HOME:-unset}) and /usr/lib/jvm, /usr/local/lib/jvm, /opt/java, ~/.sdkman." >&2
  echo "  Install one (e.g. 'apt-get install openjdk-21-jdk' or Temurin 21+) or set JAVA_HOME to it." >&2
  exit 3
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
CVOTE_JVM_FLAGS=""
# Maven 3.8's bundled Guava uses sun.misc.Unsafe; JDK 24+ warns on every run unless allowed.
if [ "$(_cvote_java_major "$JAVA_HOME")" -ge 24 ] 2>/dev/null; then
  CVOTE_JVM_FLAGS="--sun-misc-unsafe-memory-access=allow"   # protobuf (Tink) uses sun.misc.Unsafe
  case "${MAVEN_OPTS:-}" in *sun-misc-unsafe*) ;; *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow";; esac
fi

cvote_mvn() {
  if ! command -v mvn >/dev/null 2>&1; then
    echo "cvote: Apache Maven (mvn) is not installed; install it (e.g. 'apt-get install maven')." >&2
    exit 3
  fi
  mvn -B -q -Dstyle.color=never -f "$CVOTE_ROOT/pom.xml" "$@"
}

# Builds the shaded jar of a module if it is missing or older than the sources (its own, crypto's and committee's, and
# those of the further modules named after the jar that it carries: the tools jar carries the server and the testkit).
cvote_jar() {  # $1 = module, $2 = jar name, $3... = further modules in the jar
  local jar="$CVOTE_ROOT/$1/target/$2" m srcs=()
  for m in crypto committee "$1" "${@:3}"; do srcs+=("$CVOTE_ROOT/$m/src/main"); done
  if [ ! -f "$jar" ] || [ -n "$(find "${srcs[@]}" "$CVOTE_ROOT/$1/pom.xml" -newer "$jar" -type f -print -quit 2>/dev/null)" ]; then
    echo "cvote: building $1 (first run or sources changed)..." >&2
    cvote_mvn -DskipTests -pl "$1" -am package >&2 || { echo "cvote: build of $1 failed" >&2; exit 3; }
  fi
  echo "$jar"
}
