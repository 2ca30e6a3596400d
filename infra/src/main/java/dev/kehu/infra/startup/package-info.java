/**
 * Start-up failures explained (Spring Boot {@code FailureAnalyzer}s, registered in {@code META-INF/spring.factories}):
 * an unusable data directory, the embedded Elasticsearch node failing to start, a port of the embedded servers
 * already taken. The API port and bad configuration values are Spring Boot's own analyzers' (PortInUse, Bind).
 */
package dev.kehu.infra.startup;
