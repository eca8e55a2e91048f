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
#     java @DIR/archive.args -XX:+UseG1GC -Xmx512m -XX:+ExitOnOutOfMemoryError -XX:ThreadPriorityPolicy=1 -XX:JavaPriority1_To_OSPriority=19 -jar DIR/fou-bot.jar
#
# (the flags of ops/systemd/fou-bot.service and the image's entry point, which the benchmarks' figures were measured with)
#
# The archive belongs to the JDK that made it and to DIR's jars: make it again after upgrading either. DIR is this
# script's own: it may hold only what this script makes; anything else is refused, so that a slip (DIR naming the
# jar's own folder, or one where a bot kept its ./data) deletes nothing. A run that fails or is stopped puts the DIR it
# found back (after a kill -9 it is DIR.previous.PID, and the next run tidies it away).
# Usage: ops/start/cds-archive.sh [JAR] [DIR] (defaults: target/fou-bot.jar, target/cds; JAVA=/path/to/java picks
# the JDK: the one that will run the bot). The Dockerfile runs this script in its build stage.
set -eu
jar=${1:-target/fou-bot.jar}
dir=${2:-target/cds}
java=${JAVA:-java}
fail() {
  echo "cds-archive.sh: $*" >&2
  exit 1
}
# every java this script runs runs without the shell's settings (JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS, FOUBOT_*, …),
# in its language (Java 17 takes its default charset from it, as the bot's start will); it replaces the shell it is
# called in, so call it in a subshell — then $! of a background one is the JVM itself
clean() {
  exec env -i PATH="$PATH" ${LANG+"LANG=$LANG"} ${LC_ALL+"LC_ALL=$LC_ALL"} "$@"
}
unset CDPATH # a cd below must go where it says, not to a folder of the same name elsewhere
case "$dir" in
  *'"'* | *'\'*) fail "DIR must not hold \" or \\ (a Java argument file could not name it): $dir" ;;
esac
while [ "$dir" != / ] && [ "${dir%/}" != "$dir" ]; do
  dir=${dir%/} # "app/" is app: a symlink is then seen as one, and DIR is never moved into itself
done
# DIR is made absolute below: the archive records the class path as the training run names it, and Java 17 looks a
# relative entry up from the working directory of each later start: named relatively, the archive is silently
# unusable (-Xshare:auto) in a start from any other directory; named absolutely, any path to the same jar matches.
# DIR holds only what this script makes, and its mark or archive.args: anything else (the operator's own jar, the
# store's ./data of a bot started from DIR as its working directory) would go with the old archive, so it is refused
if [ -e "$dir" ] || [ -L "$dir" ]; then
  [ -d "$dir" ] && [ ! -L "$dir" ] || fail "$dir is not a directory; name a new one"
  if [ -n "$(ls -A -- "$dir")" ] && [ ! -f "$dir/archive.args" ] && [ ! -f "$dir/.made-by-cds-archive" ]; then
    fail "$dir holds files this script did not make (no archive.args); name a new or empty directory"
  fi
  for entry in "$dir"/* "$dir"/.[!.]* "$dir"/..?*; do
    case "${entry##*/}" in
      '*' | '.[!.]*' | '..?*') [ -e "$entry" ] || continue ;;
    esac
    case "${entry##*/}" in
      .made-by-cds-archive | archive.args | fou-bot.jar | lib | fou-bot.jsa | fou-bot.aot | fou-bot.aot.config) ;;
      *) fail "$dir holds $entry, which this script did not make; name a new or empty directory" ;;
    esac
  done
  dir=$(cd -- "$dir" && pwd)
else
  parent=$(dirname -- "$dir")
  [ -d "$parent" ] || fail "no directory $parent to make $(basename -- "$dir") in"
  dir=$(cd -- "$parent" && pwd)/$(basename -- "$dir")
fi
[ -f "$jar" ] || fail "no jar at $jar"
version=$(clean "$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
[ -n "$version" ] || fail "$java does not run"
training=$(mktemp -d)
previous=""
made=""
trainer=""
finish() {
  status=$?
  # KILL, not TERM: a JVM that exits normally writes its archive, which could land in the DIR put back below
  if [ -n "$trainer" ]; then
    kill -KILL "$trainer" 2>/dev/null || true
    wait "$trainer" 2>/dev/null || true
  fi
  rm -rf "$training"
  if [ "$status" -ne 0 ]; then
    # DIR, if this run made it, goes, and what was there before comes back
    [ -z "$made" ] || rm -rf "$dir"
    if [ -n "$previous" ]; then
      mv -- "$previous" "$dir" && echo "cds-archive.sh: no new archive; $dir is as it was" >&2
    fi
  else
    # this run's set-aside DIR, and those of runs killed midway (their process is gone)
    for aside in "$dir".previous.*; do
      if [ -d "$aside" ] && { [ "$aside" = "$previous" ] || ! kill -0 "${aside##*.}" 2>/dev/null; }; then
        rm -rf "$aside"
      fi
    done
  fi
  exit "$status"
}
trap finish EXIT
# Ctrl-C or a stop puts DIR back too (a kill -9 cannot: the set-aside DIR is then DIR.previous.PID, and DIR, marked
# as this script's, is taken by the next run)
trap 'exit 130' INT TERM HUP
# the jar is read from a copy: it may lie in DIR, which is set aside next
cp -- "$jar" "$training/fou-bot.jar"
# what DIR held stays aside until the new archive is made: a failed run puts it back, so a bot started from it still
# starts; a bot running from it keeps its open files (a rename moves none of them)
if [ -d "$dir" ]; then
  previous="$dir.previous.$$"
  mv -- "$dir" "$previous"
fi
mkdir -- "$dir"
made=yes
: > "$dir/.made-by-cds-archive"
(clean "$java" -Djarmode=tools -jar "$training/fou-bot.jar" extract --force --destination "$dir") \
  || fail "could not extract $jar (give the jar mvn package builds, target/fou-bot.jar, not one extracted before)"
if [ "$version" -ge 25 ] 2>/dev/null; then
  # one run trains and writes the cache (JEP 514); a JVM that cannot map it starts without it, with a warning
  set -- "-XX:AOTCacheOutput=$dir/fou-bot.aot"
  archive="$dir/fou-bot.aot"
  use="-XX:AOTCache=$archive"
  also=""
else
  case "$dir" in
    *' '*) echo "cds-archive.sh: note: Java $version archives the jar's own classes only from a path without spaces;" \
      "from $dir the start will be about a third slower than from one without" >&2 ;;
  esac
  set -- "-XX:ArchiveClassesAtExit=$dir/fou-bot.jsa"
  archive="$dir/fou-bot.jsa"
  # -Xshare:auto: a JVM that cannot use the archive starts without it (slower) instead of not at all
  use="-XX:SharedArchiveFile=$archive"
  also="-Xshare:auto"
fi
# the training run uses the collector and heap the bot runs with (the Dockerfile's entry point), so that it loads
# and compiles as the bot will (the archive itself would also serve other settings). It must not reach anything
# outside nor take the operator's settings: it runs with an empty environment (no FOUBOT_*, SLACK_*, SPRING_*,
# LOGGING_*, JAVA_TOOL_OPTIONS or JDK_JAVA_OPTIONS), from DIR (no ./config of the shell's), on free ports
# in the background, so that a stop (Ctrl-C, TERM) can end it too
(
  cd -- "$dir"
  clean FOUBOT_DATA_DIR="$training/data" SERVER_PORT=0 FOUBOT_STORE_PORT=0 \
    "$java" -XX:+UseG1GC -Xmx512m "$@" -jar "$dir/fou-bot.jar" \
      start-training --foubot.mail.embedded-smtp-port=0 --foubot.mail.embedded-imap-port=0 --logging.level.root=WARN \
      --logging.level.se.foubot=WARN
) > "$training/training.log" 2>&1 &
trainer=$!
if ! wait "$trainer" || [ ! -s "$archive" ]; then
  trainer=""
  echo "cds-archive.sh: the training run made no archive with $java (Java $version); its last lines:" >&2
  tail -n 20 "$training/training.log" >&2
  exit 1
fi
trainer=""
# one option a line, quoted: DIR may hold spaces
{ printf '"%s"\n' "$use"; [ -z "$also" ] || printf '%s\n' "$also"; } > "$dir/archive.args"
echo "archive of a start (Java $version): $archive; start with: java '@$dir/archive.args' -XX:+UseG1GC -Xmx512m -XX:+ExitOnOutOfMemoryError -XX:ThreadPriorityPolicy=1 -XX:JavaPriority1_To_OSPriority=19 -jar '$dir/fou-bot.jar'"
