#!/bin/sh
# Called by ./mvnw before Maven starts. Pinflow compiles, tests and runs on a JDK 21 or newer,
# which the build selects by itself (maven-toolchains-plugin, select-jdk-toolchain) even when
# Maven runs on an older java. This check only explains, up front, what to install when no such
# JDK is in the places that discovery looks at; the build then stops at the toolchain step.
required=21
feature_of() { # prints the feature version of the JDK at $1, or nothing
  [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}
for home in "${JAVA_HOME-}" /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* \
  "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* "$HOME"/.asdf/installs/java/* \
  /Library/Java/JavaVirtualMachines/*/Contents/Home; do
  [ -n "$home" ] && [ -d "$home" ] || continue
  version=$(feature_of "$home")
  [ -n "$version" ] && [ "$version" -ge "$required" ] && exit 0
done
[ -f "$HOME/.m2/toolchains.xml" ] && exit 0
cat >&2 <<MSG
[pinflow] No JDK $required or newer was found (looked at JAVA_HOME, /usr/lib/jvm, /usr/java,
[pinflow] /opt, ~/.sdkman, ~/.jdks, ~/.asdf and /Library/Java). Maven itself may run on an older
[pinflow] java, but Pinflow needs a JDK >= $required to compile, test and run. Install one (for
[pinflow] example Eclipse Temurin $required), or declare it in ~/.m2/toolchains.xml.
MSG
exit 0
