package dev.kehu.bench.drills;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, one request per connection ({@code Connection: close}), for requests that
 * {@code java.net.http} will not send: raw non-ASCII header values, bytes that are not UTF-8, request targets that
 * are not valid URIs. Hand-written because that refusal is the point of the well-kept clients. Reads the answer
 * until the server closes the connection (at most {@value #MAX_ANSWER_BYTES} bytes, {@value #TIMEOUT_MILLIS} ms).
 */
public final class RawHttp {

    static final int TIMEOUT_MILLIS = 30_000;
    private static final int MAX_ANSWER_BYTES = 1 << 20;

    /** The answer: status (0 when none), content type, the start of the body, time taken, why none. */
    public record Answer(int status, String contentType, String body, long nanos, String error) {

        public boolean problemJson() {
            return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/problem+json");
        }
    }

    private final int port;

    public RawHttp(int port) {
        this.port = port;
    }

    public Answer send(BadRequest request) {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            String writeError = write(socket.getOutputStream(), request);
            byte[] raw = readAll(socket.getInputStream(), start);
            if (raw.length == 0) {
                return new Answer(0, null, null, System.nanoTime() - start,
                        writeError != null ? writeError : "closed without an answer");
            }
            return parse(raw, System.nanoTime() - start);
        } catch (SocketTimeoutException e) {
            return new Answer(0, null, null, System.nanoTime() - start, "timeout");
        } catch (IOException e) {
            return new Answer(0, null, null, System.nanoTime() - start, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Writes the request; a server that answers and closes before the whole body is written is fine. */
    private String write(OutputStream out, BadRequest request) {
        try {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.writeBytes((request.method() + " " + request.target() + " HTTP/1.1\r\n").getBytes(StandardCharsets.ISO_8859_1));
            head.writeBytes(("Host: 127.0.0.1:" + port + "\r\nConnection: close\r\n").getBytes(StandardCharsets.US_ASCII));
            for (BadRequest.Header header : request.headers()) {
                head.writeBytes((header.name() + ": ").getBytes(StandardCharsets.US_ASCII));
                head.writeBytes(header.value());
                head.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            if (request.body() != null) {
                head.writeBytes(("Content-Length: " + request.body().length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            head.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(head.toByteArray());
            if (request.body() != null) {
                out.write(request.body());
            }
            out.flush();
            return null;
        } catch (IOException e) {
            return "write failed: " + e.getMessage();
        }
    }

    private static byte[] readAll(InputStream in, long start) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long deadline = start + TIMEOUT_MILLIS * 1_000_000L;
        try {
            int read;
            while ((read = in.read(buffer)) != -1) {
                answer.write(buffer, 0, Math.min(read, Math.max(0, MAX_ANSWER_BYTES - answer.size())));
                if (answer.size() >= MAX_ANSWER_BYTES || System.nanoTime() > deadline) {
                    break;
                }
            }
        } catch (IOException reset) {
            // a reset after (part of) an answer still leaves the answer
            if (answer.size() == 0) {
                throw reset;
            }
        }
        return answer.toByteArray();
    }

    private static Answer parse(byte[] raw, long nanos) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        String head = headEnd < 0 ? text : text.substring(0, headEnd);
        String[] lines = head.split("\r\n");
        int status = 0;
        String[] statusLine = lines[0].split(" ");
        if (statusLine.length >= 2 && statusLine[0].startsWith("HTTP/")) {
            try {
                status = Integer.parseInt(statusLine[1]);
            } catch (NumberFormatException e) {
                status = 0;
            }
        }
        String contentType = null;
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = lines[i].substring(colon + 1).trim();
                if (name.equals("content-type")) {
                    contentType = value;
                } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                    chunked = true;
                }
            }
        }
        byte[] body = headEnd < 0 ? new byte[0] : java.util.Arrays.copyOfRange(raw, headEnd + 4, raw.length);
        String decoded = new String(chunked ? dechunk(body) : body, StandardCharsets.UTF_8);
        return new Answer(status, contentType, decoded.length() > 2000 ? decoded.substring(0, 2000) : decoded, nanos,
                status == 0 ? "no status line: " + lines[0] : null);
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = indexOf(body, at);
            if (lineEnd < 0) {
                break;
            }
            String sizeText = new String(body, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int size;
            try {
                size = Integer.parseInt(sizeText, 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (size == 0) {
                break;
            }
            int from = lineEnd + 2;
            out.write(body, from, Math.min(size, body.length - from));
            at = from + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
