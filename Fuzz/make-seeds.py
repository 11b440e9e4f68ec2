#!/usr/bin/env python3
"""Writes the seed corpora under Fuzz/corpus/<target>/ (committed; rerun after editing).

Each seed is a small file named after what it exercises. fuzz-http-parser seeds start with
two control bytes (chunking seed, limits selector; see Targets/fuzz-http-parser.swift).
"""
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_LIMITS = 0x3F  # 1 MiB body, 16 KiB head, 100 fields
SMALL_LIMITS = 0x00    # 16-byte body, 48-byte head, 2 fields


def write(target, seeds):
    folder = os.path.join(HERE, "corpus", target)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    for name, data in seeds.items():
        with open(os.path.join(folder, name), "wb") as handle:
            handle.write(data)


def http_seeds():
    crlf = "\r\n"
    post = "POST /hooks/room HTTP/1.1\r\nHost: receiver.example\r\nContent-Type: application/json\r\n"
    body = '{"id":"m1","type":"test","timestamp":"2026-12-04T19:35:34.123Z"}'
    requests = {
        "get": "GET / HTTP/1.1\r\nHost: a\r\n\r\n",
        "get-http10": "GET /status HTTP/1.0\r\n\r\n",
        "get-http10-keepalive": "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
        "get-close": "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
        "options-asterisk": "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n",
        "absolute-form": "GET http://a.example/x?y=1 HTTP/1.1\r\nHost: a.example\r\n\r\n",
        "leading-empty-lines": "\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n",
        "post-content-length": f"{post}Content-Length: {len(body)}\r\n\r\n{body}",
        "post-empty-body": f"{post}Content-Length: 0\r\n\r\n",
        "post-chunked": f"{post}Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n",
        "post-chunked-trailers": f"{post}Transfer-Encoding: chunked\r\n\r\nA\r\n0123456789\r\n0\r\nX-Trailer: yes\r\nX-Other: 2\r\n\r\n",
        "post-chunked-uppercase-hex": f"{post}Transfer-Encoding: chunked\r\n\r\n1F\r\n{'x' * 31}\r\n0\r\n\r\n",
        "post-expect-continue": f"{post}Expect: 100-continue\r\nContent-Length: {len(body)}\r\n\r\n{body}",
        "pipelined-three": "GET /1 HTTP/1.1\r\nHost: a\r\n\r\n" + f"{post}Content-Length: 3\r\n\r\nabc" + "GET /3 HTTP/1.1\r\nHost: a\r\n\r\n",
        "pipelined-chunked-then-get": f"{post}Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n",
        "duplicate-same-content-length": f"{post}Content-Length: 3\r\nContent-Length: 3\r\n\r\nabc",
        "header-whitespace": "GET / HTTP/1.1\r\nHost:   a  \r\nX-Tab:\tv\t\r\nEmpty:\r\n\r\n",
        "many-headers": "GET / HTTP/1.1\r\n" + "".join(f"X-H{i}: {i}\r\n" for i in range(20)) + "\r\n",
        "authorization": "POST /hook HTTP/1.1\r\nHost: a\r\nAuthorization: Basic dXNlcjpwYXNz\r\nwebhook-id: m1\r\nwebhook-timestamp: 1796412934\r\nwebhook-signature: v1,abc=\r\nContent-Length: 2\r\n\r\n{}",
        # Invalid inputs, one per refusal.
        "bad-cl-and-te": f"{post}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "bad-differing-cl": f"{post}Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
        "bad-cl-list": f"{post}Content-Length: 3, 3\r\n\r\nabc",
        "bad-cl-sign": f"{post}Content-Length: +3\r\n\r\nabc",
        "bad-cl-huge": f"{post}Content-Length: 99999999999999999999999\r\n\r\n",
        "bad-te-gzip": f"{post}Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
        "bad-te-identity": f"{post}Transfer-Encoding: identity\r\n\r\n",
        "bad-obs-fold": "GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n",
        "bad-bare-lf": "GET / HTTP/1.1\nHost: a\n\n",
        "bad-bare-cr": "GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n",
        "bad-nul-in-value": "GET / HTTP/1.1\r\nHost: a\x00b\r\n\r\n",
        "bad-space-before-colon": "GET / HTTP/1.1\r\nHost : a\r\n\r\n",
        "bad-no-colon": "GET / HTTP/1.1\r\nHost\r\n\r\n",
        "bad-version-2": "GET / HTTP/2.0\r\n\r\n",
        "bad-version-text": "GET / HTTQ/1.1\r\n\r\n",
        "bad-request-line-spaces": "GET  / HTTP/1.1\r\n\r\n",
        "bad-target-control": "GET /\x01 HTTP/1.1\r\n\r\n",
        "bad-chunk-size": f"{post}Transfer-Encoding: chunked\r\n\r\nzz\r\n",
        "bad-chunk-no-crlf": f"{post}Transfer-Encoding: chunked\r\n\r\n3\r\nabcX0\r\n\r\n",
        "bad-chunk-ext-control": f"{post}Transfer-Encoding: chunked\r\n\r\n3;a=\x01\r\nabc\r\n0\r\n\r\n",
        "bad-trailer-fold": f"{post}Transfer-Encoding: chunked\r\n\r\n0\r\nX: 1\r\n y\r\n\r\n",
        "bad-host-missing-11": "GET / HTTP/1.1\r\n\r\n",
        "bad-expect-other": f"{post}Expect: something\r\nContent-Length: 0\r\n\r\n",
    }
    seeds = {}
    for index, (name, text) in enumerate(sorted(requests.items())):
        seeds[name] = bytes([index * 37 % 256, DEFAULT_LIMITS]) + text.encode("latin-1")
    # The same inputs with small limits reach 413 and 431, with whole and dribbled input.
    for name in ["post-content-length", "post-chunked", "many-headers", "pipelined-three", "post-chunked-trailers"]:
        seeds[name + "-small-limits"] = bytes([7, SMALL_LIMITS]) + requests[name].encode("latin-1")
    seeds["get-bytewise"] = bytes([0, DEFAULT_LIMITS]) + requests["get"].encode()
    return seeds


def wire_seeds():
    stamp = '"2026-12-04T19:35:34.123Z"'
    env = '"id":"0193a7c2-0000-7000-8000-000000000001","webhookId":"hook-1","orgId":"org-1","workspaceId":"room-4","deviceId":"desk-1","timestamp":' + stamp
    status = '{' + env + ',"type":"status","changes":{"updated":{"RoomAnalytics.PeopleCount.Current":3,"RoomAnalytics.AmbientTemperature":21.5},"removed":["Call[1].Status"]}}'
    full_sync = '{"id":"m","type":"status","timestamp":' + stamp + ',"changes":{"updated":{"A":21.5,"B":-0.0,"C[2]":1e+20,"D":null,"E":0.1,"F":1e-07,"G":true,"H":"text","I":[1,2],"J":{"k":"v"}},"removed":["G.H"],"isFullSync":true}}'
    events = '{"id":"m2","type":"events","workspaceId":"room-4","timestamp":' + stamp + ',"events":[{"key":"UserInterface.Extensions.Widget.Action","value":{"WidgetId":"lights","Type":"pressed","Value":"on"},"timestamp":"2026-12-04T19:35:34.120Z"},{"key":"Call[2].Connected","value":null,"timestamp":"2026-12-04T20:35:34+01:00"}]}'
    health = '{"id":"h","type":"healthCheck","timestamp":"1970-01-01T00:00:00.000Z"}'
    test = '{"id":"t","type":"test","webhookId":"w","timestamp":"1970-01-01T00:00:00.001Z"}'
    seeds = {
        "status": status,
        "status-full-sync": full_sync,
        "status-minimal": '{"id":"m","type":"status","timestamp":' + stamp + ',"changes":{"updated":{}}}',
        "status-nulls": '{"id":"m","type":"status","orgId":null,"deviceId":null,"timestamp":' + stamp + ',"changes":{"updated":{"A":1},"removed":null,"isFullSync":false}}',
        "events": events,
        "events-empty": '{"id":"e","type":"events","timestamp":' + stamp + ',"events":[]}',
        "health-check": health,
        "test": test,
        "unknown-members": '{"id":"t","type":"test","extra":{"a":[1,{"b":null}]},"timestamp":' + stamp + ',"more":"\\u00e9"}',
        "members-reordered": '{"timestamp":' + stamp + ',"type":"test","id":"x"}',
        "whitespace": ' \n{ "id" : "t" ,\t"type" : "test" , "timestamp" : ' + stamp + ' }\r\n',
        "timestamp-offset": '{"id":"t","type":"test","timestamp":"2026-12-31T23:59:60.999999-12:59"}',
        "timestamp-lowercase": '{"id":"t","type":"test","timestamp":"2000-02-29t00:00:00z"}',
        "timestamp-early": '{"id":"t","type":"test","timestamp":"0001-01-01T00:00:00Z"}',
        "timestamp-late": '{"id":"t","type":"test","timestamp":"9999-12-31T23:59:59.999Z"}',
        "batch": '{"messages":[' + health + ',' + test + ',' + status + ']}',
        "batch-empty": '{"messages":[]}',
        "value-nested": '{"a":[1,-2,3.5e-3,1E+2,true,false,null,"s\\n\\t\\"\\\\\\/\\b\\f\\r"],"b":{"c":{"d":[[[]]]}},"e":""}',
        "value-unicode": '["é€😀","\\u00e9\\u20ac\\ud83d\\ude00","\\u0000\\u001f"]',
        "value-numbers": '[0,-0,9223372036854775807,-9223372036854775808,1.7976931348623157e308,5e-324,2.5e-5,0.1]',
        "value-deep": '[' * 40 + ']' * 40,
        "value-string": '"plain"',
        "value-scalar": 'true',
        "bad-duplicate-key": '{"id":"a","id":"b","type":"test","timestamp":' + stamp + '}',
        "bad-type": '{"id":"a","type":"other","timestamp":' + stamp + '}',
        "bad-missing-timestamp": '{"id":"a","type":"test"}',
        "bad-path": '{"id":"m","type":"status","timestamp":' + stamp + ',"changes":{"updated":{"A..B":1}}}',
        "bad-timestamp": '{"id":"t","type":"test","timestamp":"2026-02-30T00:00:00Z"}',
        "bad-number-range": '[9223372036854775808,1e400]',
        "bad-number-form": '[01,1.,-,.5]',
        "bad-lone-surrogate": '["\\ud800"]',
        "bad-trailing": '{"messages":[]} x',
        "bad-truncated": status[: len(status) // 2],
    }
    data = {name: text.encode("utf-8") for name, text in seeds.items()}
    data["bad-invalid-utf8"] = b'["\xc0\xaf","\xed\xa0\x80"]'
    data["bad-control-char"] = b'["a\x01b"]'
    return data


def path_seeds():
    texts = [
        "RoomAnalytics.PeopleCount.Current", "Peripherals.ConnectedDevice[1003].RoomAnalytics.AmbientTemperature",
        "Call[1].Status", "A", "a_b-c.D9", "UserInterface.Extensions.Widget.Action", "Audio.Volume",
        "Call[0]", "X[999999999]", "*", "RoomAnalytics.*", "Peripherals.ConnectedDevice[*].RoomAnalytics.*",
        "*.Status", "Call[*].Status", "A.*.C", "A.B." , ".A", "A..B", "A[", "A[]", "A[x]", "A[1", "A[1]]",
        "A[1][2]", "A[-1]", "A[1000000000]", "A*", "*A", "**", "*[1]", "A[*]", "A B", " A", "A\t", "A.\u00e9",
        "A/B", "A.B[01]", "A" * 512, "A" * 513,
    ]
    return {f"{index:02d}": text.encode("utf-8") for index, text in enumerate(texts)}


write("fuzz-http-parser", http_seeds())
write("fuzz-wire-decoder", wire_seeds())
write("fuzz-path-parser", path_seeds())
