#ifndef WEBHOOKKIT_COPENSSL_SHIM_H
#define WEBHOOKKIT_COPENSSL_SHIM_H

// OpenSSL exposes several operations only as function-like macros, which Swift
// cannot call. The static inline wrappers below give them a callable form.

#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/pem.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/bio.h>

static inline long webhookkit_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version) {
    return SSL_CTX_set_min_proto_version(ctx, version);
}

static inline long webhookkit_SSL_set_tlsext_host_name(SSL *ssl, const char *name) {
    return SSL_set_tlsext_host_name(ssl, name);
}

static inline long webhookkit_SSL_CTX_set_mode(SSL_CTX *ctx, long mode) {
    return SSL_CTX_set_mode(ctx, mode);
}

static inline long webhookkit_SSL_CTX_set_options(SSL_CTX *ctx, long options) {
    return SSL_CTX_set_options(ctx, options);
}

static inline long webhookkit_SSL_CTX_set_session_cache_mode(SSL_CTX *ctx, long mode) {
    return SSL_CTX_set_session_cache_mode(ctx, mode);
}

// Server side (HTTP server): read-ahead and SNI selection.

static inline long webhookkit_SSL_CTX_set_read_ahead(SSL_CTX *ctx, int yes) {
    return SSL_CTX_set_read_ahead(ctx, yes);
}

typedef int (*webhookkit_servername_callback)(SSL *ssl, int *alert, void *arg);

static inline long webhookkit_SSL_CTX_set_tlsext_servername_callback(SSL_CTX *ctx, webhookkit_servername_callback callback) {
    return SSL_CTX_set_tlsext_servername_callback(ctx, callback);
}

static inline long webhookkit_SSL_CTX_set_tlsext_servername_arg(SSL_CTX *ctx, void *arg) {
    return SSL_CTX_set_tlsext_servername_arg(ctx, arg);
}

// A peer closing TCP without close_notify reads as an end of stream: requests are framed
// by their length, so a cut-off request is still refused and a complete one answered.
static inline uint64_t webhookkit_SSL_OP_server_defaults(void) {
    return SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_COMPRESSION
        | SSL_OP_IGNORE_UNEXPECTED_EOF;
}

// The HTTP server's event loop needs epoll and eventfd, which the Glibc module does not
// export; exposing them here avoids a separate C target for two headers.
#if defined(__linux__)
#include <sys/epoll.h>
#include <sys/eventfd.h>
#endif

#endif
