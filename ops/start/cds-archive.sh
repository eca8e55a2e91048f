#!/bin/sh
# Makes fou-bot start faster from an archive of the classes a start loads: extracts the jar into DIR (an archive
# cannot hold classes from jars nested in a jar), runs it once until it is ready and has answered /readyz (a training
# run: the jar's start-training command, on a throwaway data directory, free ports, no Slack, no outside mail), and
# writes what that run loaded:
#
# - with Java 17 to 24, a class-data archive (CDS), DIR/fou-bot.jsa;
# - with Java 25 or later, an AOT cache, DIR/fou-bot.aot (JEP 483, 514, 515: the classes loaded and linked, and the
#   methods' profiles, so the compilers start where the training run left off).
#
# Either way it writes DIR/archive.args, a Java argument file naming the archive, so one command starts the bot from
# it (from any working directory, by any path to the jar):
#
#     java @DIR/archive.args -XX:+UseG1GC -Xmx512m -jar DIR/fou-bot.jar
#
# The archive belongs to the JDK that made it and to DIR's jars: make it again after upgrading either (a JVM that
# cannot use it says so and starts without it). Usage: ops/start/cds-archive.sh [JAR] [DIR]
# (defaults: target/fou-bot.jar, target/cds; JAVA=/path/to/java picks the JDK). The Dockerfile runs this script in
# its build stage.
set -eu
jar=${1:-target/fou-bot.jar}
dir=${2:-target/cds}
java=${JAVA:-java}
rm -rf "$dir"
"$java" -Djarmode=tools -jar "$jar" extract --destination "$dir"
# the archive records the class path as the training run names it, and Java 17 looks a relative entry up from the
# working directory of each later start: named relatively, the archive is silently unusable (-Xshare:auto) in a start
# from any other directory; named absolutely, any path to the same jar matches
dir=$(cd "$dir" && pwd)
version=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
if [ "${version:-17}" -ge 25 ]; then
  # one run trains and writes the cache (JEP 514); a JVM that cannot map it starts without it, with a warning
  set -- "-XX:AOTCacheOutput=$dir/fou-bot.aot" -Xlog:aot=off -Xlog:cds=off
  archive="$dir/fou-bot.aot"
  use="-XX:AOTCache=$archive"
  also=""
else
  set -- "-XX:ArchiveClassesAtExit=$dir/fou-bot.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off
  archive="$dir/fou-bot.jsa"
  # -Xshare:auto: a JVM that cannot use the archive starts without it (slower) instead of not at all
  use="-XX:SharedArchiveFile=$archive"
  also="-Xshare:auto"
fi
training=$(mktemp -d)
trap 'rm -rf "$training"' EXIT
# the training run uses the collector and heap the bot runs with (the Dockerfile's entry point), so that it loads
# and compiles as the bot will (the archive itself would also serve other settings); it must not reach anything
# outside: every outside setting is cleared, every port is a free one
(
  cd "$dir"
  env -u FOUBOT_MONGODB_URI -u SLACK_BOT_TOKEN -u SLACK_APP_TOKEN -u SLACK_SIGNING_SECRET -u FOUBOT_IMAP_URL \
      -u FOUBOT_SMTP_URL -u FOUBOT_MANAGEMENT_PORT -u JAVA_TOOL_OPTIONS \
      FOUBOT_DATA_DIR="$training/data" SERVER_PORT=0 FOUBOT_STORE_PORT=0 \
    "$java" -XX:+UseG1GC -Xmx512m "$@" -jar "$dir/fou-bot.jar" \
      start-training --foubot.mail.embedded-smtp-port=0 --foubot.mail.embedded-imap-port=0 --logging.level.root=WARN
)
test -s "$archive"
# one option a line, quoted: DIR may hold spaces
{ printf '"%s"\n' "$use"; [ -z "$also" ] || printf '%s\n' "$also"; } > "$dir/archive.args"
echo "archive of a start (Java $version): $archive; start with: java '@$dir/archive.args' -XX:+UseG1GC -Xmx512m -jar '$dir/fou-bot.jar'"
