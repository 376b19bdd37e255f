/** What every service's `start…()` returns: where it listens, and how to stop it gracefully. */
export interface RunningService {
  name: string
  /** Named base URLs, e.g. `{ http: 'http://127.0.0.1:8080' }` or `{ grpc: '127.0.0.1:50051', admin: 'http://…' }`. */
  urls: Record<string, string>
  /** Drains in-flight work and closes every listener; resolves when done. */
  close(): Promise<void>
}
