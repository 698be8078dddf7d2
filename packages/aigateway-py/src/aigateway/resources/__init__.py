"""The sync resources (`client.chat`, `client.videos`, …); the async twins live in `resources.aio`."""
