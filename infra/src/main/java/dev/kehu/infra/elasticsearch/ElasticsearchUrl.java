package dev.kehu.infra.elasticsearch;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** {@code kehu.elasticsearch.url} split into the address and, when it names a user, a basic-auth header value. */
record ElasticsearchUrl(String base, Optional<String> authorization) {

    static ElasticsearchUrl parse(String url) {
        URI uri = URI.create(url.trim());
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("kehu.elasticsearch.url must look like http://host:9200, not " + url);
        }
        String base = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        Optional<String> authorization = Optional.ofNullable(uri.getRawUserInfo())
                .map(info -> URLDecoder.decode(info, StandardCharsets.UTF_8))
                .map(info -> "Basic " + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)));
        return new ElasticsearchUrl(base, authorization);
    }
}
