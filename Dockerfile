# fou-bot's image, the one ops/kubernetes/fou-bot.yaml names:
#
#     docker build -t registry.stad.se/fou-bot:1.0.0 .
#
# Stage 1 builds the jar with Maven (tests are CI's job: .ci/run). Stage 2 is the Java runtime the bot runs on, 17
# unless the build says otherwise: it extracts the jar and makes the archive of a start with a training run
# (ops/start/cds-archive.sh, the same script the start benchmark uses), so the archive belongs to exactly this JVM and
# these jars, and the bot starts from it as a non-root user. On Java 25 or later the archive is an AOT cache, which
# starts the bot in about two thirds of the time of Java 17's class-data archive (README, "Start"):
#
#     docker build --build-arg JAVA_VERSION=25 -t registry.stad.se/fou-bot:1.0.0 .
ARG JAVA_VERSION=17

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -ntp -q dependency:go-offline
COPY src src
COPY conversation-flows conversation-flows
RUN mvn -B -ntp -q -DskipTests package

FROM eclipse-temurin:${JAVA_VERSION}-jre
COPY --from=build /src/target/fou-bot.jar /tmp/fou-bot.jar
COPY ops/start/cds-archive.sh /usr/local/bin/cds-archive.sh
RUN sh /usr/local/bin/cds-archive.sh /tmp/fou-bot.jar /app && rm /tmp/fou-bot.jar \
    && groupadd --system --gid 10001 fou && useradd --system --uid 10001 --gid fou --home-dir /app --shell /usr/sbin/nologin fou \
    && mkdir /data && chown fou:fou /data
WORKDIR /app
# the embedded store's file, when FOUBOT_MONGODB_URI is not set (mount a volume here to keep it)
ENV FOUBOT_DATA_DIR=/data
USER fou
EXPOSE 8080
# @/app/archive.args: the archive the build made (a JVM that cannot use it starts without it, slower, instead of not
# at all);
# -XX:ThreadPriorityPolicy=1: the background threads' low priority becomes a nice value, so they cannot starve the
# threads that answer Slack (the JVM warns that raising a priority needs root; the bot only lowers them);
# -XX:JavaPriority1_To_OSPriority=19: that nice value is 19 (the JVM's default for the lowest priority is 4);
# -XX:+UseG1GC -Xmx512m: the collector and heap every benchmark figure was measured with, whatever the pod's limit
# (a JVM left to choose in a pod of less than 2 GB takes the serial collector and a quarter of the limit; README,
# "Where an event's time goes"); -XX:+ExitOnOutOfMemoryError: a replacement pod rather than a half-working one
ENTRYPOINT ["java", "@/app/archive.args", "-XX:+UseG1GC", "-Xmx512m", "-XX:+ExitOnOutOfMemoryError", "-XX:ThreadPriorityPolicy=1", "-XX:JavaPriority1_To_OSPriority=19", "-jar", "/app/fou-bot.jar"]
