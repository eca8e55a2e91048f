#!/bin/sh
# Makes fou-bot start faster with class data sharing (CDS, Java 17+): extracts the jar into DIR (CDS cannot read
# classes from jars nested in a jar), runs it once until it is ready and has answered /readyz (a training run: the
# jar's start-training command, on a throwaway data directory, free ports, no Slack, no outside mail), and writes the
# classes it loaded to DIR/fou-bot.jsa. Start the bot from there (from any working directory, by any path to the jar):
#
#     java -XX:SharedArchiveFile=DIR/fou-bot.jsa -XX:+UseG1GC -Xmx512m -jar DIR/fou-bot.jar
#
# The archive belongs to the JDK that made it and to DIR's jars: make it again after upgrading either (a JVM that
# cannot use it says so and starts without it). Usage: ops/start/cds-archive.sh [JAR] [DIR]
# (defaults: target/fou-bot.jar, target/cds). The Dockerfile runs this script in its build stage.
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
    "$java" -XX:+UseG1GC -Xmx512m -XX:ArchiveClassesAtExit="$dir/fou-bot.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$dir/fou-bot.jar" \
      start-training --foubot.mail.embedded-smtp-port=0 --foubot.mail.embedded-imap-port=0 --logging.level.root=WARN
)
test -s "$dir/fou-bot.jsa"
echo "class data archive: $dir/fou-bot.jsa; start with: java -XX:SharedArchiveFile=$dir/fou-bot.jsa -XX:+UseG1GC -Xmx512m -jar $dir/fou-bot.jar"
