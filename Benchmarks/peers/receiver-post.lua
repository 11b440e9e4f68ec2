-- wrk script for Benchmarks/receiver.sh: the same ~400-byte device-status notification
-- POSTed with Basic authentication (webhook:secret) to every server.
wrk.method = "POST"
wrk.path = "/webhooks/receiver"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["User-Agent"] = "WebhookKit/0.1"
wrk.headers["Authorization"] = "Basic d2ViaG9vazpzZWNyZXQ="
wrk.headers["webhook-id"] = "0193a7c2-5f1e-7c3a-9b2d-8e4f6a1b2c3d"
wrk.headers["webhook-timestamp"] = "1796412934"
wrk.body = '{"id":"0193a7c2-5f1e-7c3a-9b2d-8e4f6a1b2c3d","type":"status",'
  .. '"webhookId":"7f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b","orgId":"b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e",'
  .. '"workspaceId":"c3d4e5f6-a7b8-4c9d-8e0f-2a3b4c5d6e7f","deviceId":"d4e5f6a7-b8c9-4d0e-9f1a-3b4c5d6e7f80",'
  .. '"timestamp":"2026-12-04T19:35:34.123Z","changes":{"updated":{"RoomAnalytics.PeopleCount.Current":3,'
  .. '"RoomAnalytics.AmbientTemperature":21.5,"RoomAnalytics.RelativeHumidity":41},"removed":[]}}'
