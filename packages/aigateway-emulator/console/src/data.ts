import { useEffect, useRef, useState } from 'preact/hooks';
import { type Api, ApiFailure } from './api.js';
import { followEvents, type LiveStatus } from './live.js';
import type {
  DeliveryLogEntry,
  EmulatorState,
  Job,
  List,
  RequestRecord,
  SubAccount,
  UsageBucket,
} from './types.js';

export interface ConsoleData {
  state?: EmulatorState;
  usage?: { month: string; data: UsageBucket[] };
  subAccounts: SubAccount[];
  jobs: Job[];
  deliveries: DeliveryLogEntry[];
  requests: RequestRecord[];
  live: LiveStatus;
  error?: string;
  /** The key was refused (401 / 403): ask for another. */
  denied?: boolean;
}

const active = (jobs: Job[]) => jobs.some((j) => j.status === 'queued' || j.status === 'running');

/**
 * Everything the console shows, kept current: loaded once, then the live event stream appends
 * requests and says when to reload the rest; running jobs are polled each second for progress
 * (it moves with the clock, not with events). Reads only `/_emulator/*`, so looking adds nothing
 * to the request journal.
 */
export function useConsoleData(api: Api): ConsoleData {
  const [data, setData] = useState<ConsoleData>({
    subAccounts: [],
    jobs: [],
    deliveries: [],
    requests: [],
    live: 'connecting',
  });
  // A job's result_url is re-signed on every read: keep the first one so players don't reload.
  const resultUrls = useRef(new Map<string, string>());

  useEffect(() => {
    const abort = new AbortController();
    const { signal } = abort;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let poll: ReturnType<typeof setTimeout> | undefined;

    const stableJobs = (jobs: Job[]) =>
      jobs.map((j) => {
        if (!j.result_url) return j;
        const first = resultUrls.current.get(j.id) ?? j.result_url;
        resultUrls.current.set(j.id, first);
        return { ...j, result_url: first };
      });

    const load = async (withRequests: boolean) => {
      try {
        const [state, usage, subs, jobs, deliveries, requests] = await Promise.all([
          api.get<EmulatorState>('/_emulator/state', signal),
          api.get<{ month: string; data: UsageBucket[] }>('/_emulator/usage', signal),
          api.get<List<SubAccount>>('/_emulator/sub-accounts', signal),
          api.get<List<Job>>('/_emulator/jobs', signal),
          api.get<List<DeliveryLogEntry>>('/_emulator/deliveries', signal),
          withRequests ? api.get<List<RequestRecord>>('/_emulator/requests', signal) : undefined,
        ]);
        setData((d) => ({
          ...d,
          error: undefined,
          state,
          usage,
          subAccounts: subs.data,
          jobs: stableJobs(jobs.data),
          deliveries: deliveries.data,
          requests: requests ? requests.data : d.requests,
        }));
        clearTimeout(poll);
        if (active(jobs.data)) poll = setTimeout(() => void load(false), 1000);
      } catch (e) {
        if (signal.aborted) return;
        const denied = e instanceof ApiFailure && (e.status === 401 || e.status === 403);
        setData((d) => ({ ...d, error: (e as Error).message, denied }));
      }
    };
    const soon = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void load(false), 150);
    };

    void followEvents(
      api.key,
      {
        request: (record) =>
          setData((d) => ({
            ...d,
            requests: [...d.requests.filter((r) => r.id !== record.id), record].slice(-10_000),
          })),
        changed: soon,
        reset: () => {
          resultUrls.current.clear();
          void load(true);
        },
        status: (live) => setData((d) => ({ ...d, live })),
        denied: (error) => setData((d) => ({ ...d, error, denied: true })),
      },
      signal,
    );
    return () => {
      abort.abort();
      clearTimeout(timer);
      clearTimeout(poll);
    };
  }, [api]);
  return data;
}
