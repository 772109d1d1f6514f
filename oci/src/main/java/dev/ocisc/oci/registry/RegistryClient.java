package dev.ocisc.oci.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.json.StrictJson;
import dev.ocisc.oci.ImageReference;
import dev.ocisc.oci.RegistryAccess;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * The read half of the OCI distribution API for one repository: GET and HEAD of manifests and blobs, with the
 * authentication a registry asks for in its {@code WWW-Authenticate} challenge (a bearer token from the realm it
 * names, or basic), redirects followed by hand (credentials never go to another host), and retries with backoff on
 * 429, 5xx and dropped connections. Nothing a registry sends is believed here: callers check digests and sizes.
 */
final class RegistryClient {
    /** Tries of a request, and reads of a blob whose connection drops. */
    static final int ATTEMPTS = 4;
    private static final int MAX_REDIRECTS = 5;
    private static final long MAX_TOKEN_BYTES = 1L << 20;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
    private static final Pattern PARAM = Pattern.compile("([A-Za-z]+)=\"([^\"]*)\"");

    private final ImageReference ref;
    private final RegistryAccess access;
    private final HttpClient http;
    /** Read when a registry first asks for them: a broken Docker config does not stop anonymous reads. */
    private volatile Optional<Credentials> credentials;
    private volatile String scheme;
    private volatile String authorization;

    RegistryClient(ImageReference ref, RegistryAccess access) {
        this.ref = ref;
        this.access = access;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(30)).sslContext(Trust.context(access.caCertificates())).build();
    }

    /** A 200 answer to GET {@code /v2/REPO/KIND/REFERENCE}; its body is the caller's to read and close. */
    HttpResponse<InputStream> get(String kind, String reference, String accept) {
        HttpResponse<InputStream> r = send("GET", kind, reference, accept, null);
        if (r.statusCode() != 200) {
            close(r);
            throw failure(kind, reference, r.statusCode());
        }
        return r;
    }

    /**
     * The bytes of a blob from {@code offset} on: a 206 answer when the registry honours the {@code Range} asked
     * for, else a 200 answer with the whole blob (the caller skips what it has).
     */
    HttpResponse<InputStream> getFrom(String reference, long offset) {
        HttpResponse<InputStream> r = send("GET", "blobs", reference, "*/*", "bytes=" + offset + "-");
        if (r.statusCode() != 200 && r.statusCode() != 206) {
            close(r);
            throw failure("blobs", reference, r.statusCode());
        }
        return r;
    }

    /** The size a HEAD of a blob or manifest announces, or -1 when the registry has none by that name. */
    long size(String kind, String reference) {
        HttpResponse<InputStream> r = send("HEAD", kind, reference, "*/*", null);
        close(r);
        if (r.statusCode() == 404) {
            return -1;
        }
        if (r.statusCode() != 200) {
            throw failure(kind, reference, r.statusCode());
        }
        return r.headers().firstValueAsLong("Content-Length").orElseThrow(() -> new InvalidInputException(
                ref.toString(), "registry gave no size for " + kind.replaceAll("s$", "") + " " + reference));
    }

    String describe() {
        return ref.toString();
    }

    InvalidInputException failure(String kind, String reference, int status) {
        String what = (kind.equals("manifests") ? "manifest " : "blob ") + reference;
        return new InvalidInputException(ref.toString(), switch (status) {
            case 401 -> "authentication failed for " + ref.registry() + " (HTTP 401): check the credentials "
                    + "(--authfile FILE, REGISTRY_AUTH_FILE or docker login)";
            case 403 -> "access to " + ref.repository() + " denied by " + ref.registry() + " (HTTP 403)";
            case 404 -> "no " + what + " in " + ref.registry() + "/" + ref.repository() + " (HTTP 404)";
            default -> "registry answered HTTP " + status + " for " + what;
        });
    }

    private HttpResponse<InputStream> send(String method, String kind, String reference, String accept,
            String range) {
        HttpResponse<InputStream> r = send(new Call(method, path(kind, reference), accept, null, null, null, range));
        if (r.statusCode() == 401) {
            close(r);
            throw failure(kind, reference, 401);
        }
        return r;
    }

    /** {@code /v2/REPO/KIND/REFERENCE}. */
    String path(String kind, String reference) {
        return "/v2/" + ref.repository() + "/" + kind + "/" + reference;
    }

    /**
     * One request to the registry: a path under its base, or a URL it gave (an upload's {@code Location}).
     *
     * @param contentType and {@code body}: what a POST, PUT or PATCH sends, or null for none
     * @param range       a chunk's {@code Content-Range} ({@code FIRST-LAST}), or null
     * @param from        the {@code Range} a read asks for ({@code bytes=N-}: a blob read on after a drop), or null
     */
    record Call(String method, String target, String accept, String contentType, byte[] body, String range,
            String from) {
        Call(String method, String target, String accept, String contentType, byte[] body) {
            this(method, target, accept, contentType, body, null, null);
        }

        Call(String method, String target, String accept, String contentType, byte[] body, String range) {
            this(method, target, accept, contentType, body, range, null);
        }
    }

    /**
     * Sends {@code call} with the authentication, retries and redirects of reads; a 401 is answered once (a push
     * asks for a wider token scope than the reads before it) and returned if it comes again.
     */
    HttpResponse<InputStream> send(Call call) {
        HttpResponse<InputStream> r = withRetries(call);
        if (r.statusCode() == 401) {
            String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
            close(r);
            authorization = answer(challenge);
            if (authorization == null) {
                throw new InvalidInputException(ref.toString(), ref.registry() + " asks for credentials (HTTP 401) "
                        + "and none are stored for it (give --authfile FILE, or log in with docker login; "
                        + "REGISTRY_AUTH_FILE is read too)");
            }
            r = withRetries(call);
        }
        return r;
    }

    private HttpResponse<InputStream> withRetries(Call call) {
        IOException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                HttpResponse<InputStream> r = followed(call);
                int s = r.statusCode();
                if ((s == 429 || s >= 500) && attempt < ATTEMPTS - 1) {
                    Optional<String> after = r.headers().firstValue("Retry-After");
                    close(r);
                    pause(attempt + 1, after.orElse(null));
                    continue;
                }
                return r;
            } catch (IOException e) {
                last = e;
                if (unresolved(e) || refused(e)) {
                    break; // nothing listens there, or the name does not resolve: not so a second later either
                }
                if (attempt < ATTEMPTS - 1) {
                    pause(attempt + 1, null);
                }
            }
        }
        throw new InvalidInputException(ref.toString(), "cannot reach " + ref.registry() + ": "
                + message(last, ref.host()));
    }

    /** One request, its redirects followed; an Authorization header goes to the registry's own host only. */
    private HttpResponse<InputStream> followed(Call call) throws IOException {
        URI uri = base().resolve(call.target());
        boolean read = call.method().equals("GET") || call.method().equals("HEAD");
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", call.accept())
                    .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(call.body()));
            if (call.contentType() != null) {
                b.header("Content-Type", call.contentType());
            }
            if (call.range() != null) {
                b.header("Content-Range", call.range());
            }
            if (authorization != null && sameOrigin(uri)) {
                b.header("Authorization", authorization);
            }
            if (call.from() != null) {
                b.header("Range", call.from());
            }
            HttpResponse<InputStream> r = exchange(b.build());
            int s = r.statusCode();
            // Only reads are redirected; a write's 3xx is the caller's to judge (a body is never sent twice).
            if (read && (s == 301 || s == 302 || s == 303 || s == 307 || s == 308)) {
                Optional<String> location = r.headers().firstValue("Location");
                close(r);
                if (location.isEmpty()) {
                    throw new InvalidInputException(ref.toString(), "redirect (HTTP " + s + ") without a Location");
                }
                uri = uri.resolve(location.get());
                boolean plainAllowed = uri.getRawAuthority() != null && access.plainHttpAllowed(uri.getRawAuthority());
                if (!uri.getScheme().equals("https") && !(uri.getScheme().equals("http") && plainAllowed)) {
                    throw new InvalidInputException(ref.toString(), "redirected to " + uri.getScheme() + " at "
                            + uri.getHost() + "; plain HTTP only to hosts allowed with --insecure-registry");
                }
                continue;
            }
            return r;
        }
        throw new InvalidInputException(ref.toString(), "more than " + MAX_REDIRECTS + " redirects for "
                + call.target());
    }

    private HttpResponse<InputStream> exchange(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (SSLException e) {
            throw new InvalidInputException(ref.toString(), "TLS with " + ref.registry() + " failed: "
                    + message(e, ref.host()) + (access.plainHttpAllowed(ref) ? ""
                            : " (give --cacert FILE for a private CA, "
                            + "or --insecure-registry " + ref.registry() + " for plain HTTP)"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * HTTPS, except for a registry allowed in plain HTTP that does not speak TLS: Docker's rule (HTTPS tried first,
     * then HTTP), decided once with a short probe of {@code /v2/}.
     */
    private String scheme() {
        String s = scheme;
        if (s == null) {
            s = "https";
            if (access.plainHttpAllowed(ref)) {
                HttpRequest probe = HttpRequest.newBuilder(URI.create("https://" + ref.registry() + "/v2/"))
                        .timeout(PROBE_TIMEOUT).GET().build();
                try {
                    close(http.send(probe, HttpResponse.BodyHandlers.ofInputStream()));
                } catch (SSLHandshakeException e) {
                    // A certificate it cannot vouch for: it speaks TLS, HTTPS it is, and its error is told. A
                    // handshake cut short (a plain server closing on the hello) is no TLS server.
                    if (!certificateProblem(e)) {
                        s = "http";
                    }
                } catch (IOException e) {
                    s = "http";
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            scheme = s;
        }
        return s;
    }

    private URI base() {
        return URI.create(scheme() + "://" + ref.registry());
    }

    private boolean sameOrigin(URI uri) {
        String authority = uri.getRawAuthority();
        return authority != null && authority.equalsIgnoreCase(ref.registry());
    }

    /** The Authorization header that answers a challenge, or null when there is nothing to answer it with. */
    private String answer(String challenge) {
        if (credentials == null) {
            credentials = Credentials.lookup(ref.registry(), access.environment());
        }
        String lower = challenge.toLowerCase(Locale.ROOT);
        if (lower.startsWith("basic")) {
            if (credentials.isPresent() && credentials.get().identityToken()) {
                throw new InvalidInputException(ref.toString(), ref.registry() + " asks for a password (basic "
                        + "auth); the credentials stored for it are an identity token, which answers bearer "
                        + "challenges only");
            }
            return credentials.map(Credentials::basicHeader).orElse(null);
        }
        if (!lower.startsWith("bearer")) {
            throw new InvalidInputException(ref.toString(), "registry asks for an authentication ocisc does not "
                    + "know: " + challenge.split(" ", 2)[0]);
        }
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(challenge);
        while (m.find()) {
            params.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
        }
        String realm = params.get("realm");
        if (realm == null) {
            throw new InvalidInputException(ref.toString(), "bearer challenge without a realm");
        }
        StringBuilder q = new StringBuilder();
        if (params.containsKey("service")) {
            q.append("service=").append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8)).append('&');
        }
        String scope = params.getOrDefault("scope", "repository:" + ref.repository() + ":pull");
        q.append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
        return "Bearer " + token(realm, q.toString());
    }

    /**
     * A token from the realm: a GET with the password in basic auth, or, for an identity token, the OAuth2
     * refresh-token grant (a POST of the form Docker sends) that the distribution token spec describes.
     */
    private String token(String realm, String query) {
        Optional<Credentials> c = credentials;
        boolean refresh = c.isPresent() && c.get().identityToken();
        URI uri = URI.create(refresh ? realm : realm + (realm.contains("?") ? "&" : "?") + query);
        if (!uri.getScheme().equals("https") && !(uri.getScheme().equals("http") && access.plainHttpAllowed(ref))) {
            throw new InvalidInputException(ref.toString(), "token realm " + uri.getHost() + " is not HTTPS");
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(TIMEOUT);
        if (refresh) {
            b.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                    query + "&grant_type=refresh_token&client_id=ocisc&refresh_token="
                    + URLEncoder.encode(c.get().password(), StandardCharsets.UTF_8)));
        } else {
            b.GET();
            c.ifPresent(x -> b.header("Authorization", x.basicHeader()));
        }
        HttpResponse<InputStream> r;
        try {
            r = exchange(b.build());
        } catch (IOException e) {
            throw new InvalidInputException(ref.toString(), "cannot get a token from " + uri.getHost() + ": "
                    + message(e, uri.getHost()));
        }
        try (InputStream in = r.body()) {
            if (r.statusCode() == 401 || r.statusCode() == 403) {
                throw new InvalidInputException(ref.toString(), "authentication failed for " + ref.registry()
                        + " (token service answered HTTP " + r.statusCode() + "): check the credentials "
                        + "(--authfile FILE, REGISTRY_AUTH_FILE or docker login)");
            }
            if (r.statusCode() != 200) {
                throw new InvalidInputException(ref.toString(), "token service answered HTTP " + r.statusCode());
            }
            byte[] body = in.readNBytes((int) MAX_TOKEN_BYTES + 1);
            if (body.length > MAX_TOKEN_BYTES) {
                throw new InvalidInputException(ref.toString(), "token answer larger than " + MAX_TOKEN_BYTES
                        + " bytes");
            }
            JsonNode json = StrictJson.parse(body, ref + ": token");
            String token = json.hasNonNull("token") ? json.get("token").asText()
                    : json.hasNonNull("access_token") ? json.get("access_token").asText() : "";
            if (token.isEmpty()) {
                throw new InvalidInputException(ref.toString(), "token service answered without a token");
            }
            return token;
        } catch (IOException e) {
            throw new InvalidInputException(ref.toString(), "cannot read the token: "
                    + message(e, uri.getHost()));
        }
    }

    /** Waits before attempt {@code n}: Retry-After when the registry says (at most 10 s), else 0.25 s doubling. */
    static void pause(int n, String retryAfter) {
        long ms = 250L << Math.min(n - 1, 4);
        if (retryAfter != null && retryAfter.matches("[0-9]{1,4}")) {
            ms = Math.min(10_000, Long.parseLong(retryAfter) * 1000);
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The innermost cause: the JDK wraps "unknown host" and "connection refused" in message-less exceptions. */
    private static Throwable cause(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    private static boolean certificateProblem(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.security.cert.CertificateException
                    || c instanceof java.security.GeneralSecurityException) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code e} says that nothing listens at the address (the JDK's client says it two ways). */
    private static boolean refused(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code e} says that a host name did not resolve (the JDK's client says it two ways). */
    private static boolean unresolved(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.net.UnknownHostException
                    || c instanceof java.nio.channels.UnresolvedAddressException) {
                return true;
            }
        }
        return false;
    }

    /**
     * What went wrong talking to {@code host}, in words: the JDK's client reports a refused connection as a
     * ClosedChannelException and an unknown name as an UnresolvedAddressException, both without a message.
     */
    static String message(Throwable e, String host) {
        if (e == null) {
            return "no answer";
        }
        if (unresolved(e)) {
            return "unknown host " + host;
        }
        Throwable c = cause(e);
        if (c instanceof java.net.ConnectException || c instanceof java.nio.channels.ClosedChannelException) {
            String m = c.getMessage();
            return m == null || m.isBlank() || m.startsWith("Connection refused") ? "connection refused"
                    : m.replaceAll("\\s+", " ");
        }
        String m = c.getMessage() != null ? c.getMessage() : e.getMessage();
        return m == null || m.isBlank() ? c.getClass().getSimpleName() : m.replaceAll("\\s+", " ");
    }

    static void close(HttpResponse<InputStream> r) {
        try {
            r.body().close();
        } catch (IOException ignored) {
            // the answer is not needed
        }
    }
}
