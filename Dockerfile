# Preflight server image. Build: docker build -t preflight .   Run: see compose.yaml.
# (Not built in CI here: these machines have no container engine.)

FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true package

FROM eclipse-temurin:21-jre
RUN groupadd --system preflight \
    && useradd --system --gid preflight --home-dir /var/lib/preflight --shell /usr/sbin/nologin preflight \
    && mkdir -p /var/lib/preflight/keys /opt/preflight \
    && chown -R preflight:preflight /var/lib/preflight && chmod 700 /var/lib/preflight/keys
COPY --from=build /src/target/preflight.jar /opt/preflight/preflight.jar
USER preflight
WORKDIR /var/lib/preflight
ENV PREFLIGHT_DATA_DIR=/var/lib/preflight \
    SERVER_PORT=8080 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
EXPOSE 8080
# bash's /dev/tcp: no curl needed in the image; UP is all /actuator/health tells an anonymous caller
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/${SERVER_PORT} && printf "GET /actuator/health HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && grep -q "\"UP\"" <&3'
ENTRYPOINT ["java", "-jar", "/opt/preflight/preflight.jar"]
CMD ["serve"]
