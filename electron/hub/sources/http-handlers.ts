/** The data endpoints of the route table: push ingest, and running a query as a panel would. */
import type { Workspace } from '../../../shared/model/workspace.ts';
import type { PushBody } from '../../../shared/protocol/push.ts';
import { HttpError, type RouteHandlers } from '../server/http.ts';
import type { PolledSourceConfig, SourceAdapter } from './adapter.ts';
import { PushRejected, type PushIngest } from './push/ingest.ts';
import { QueryRefused, runSourceQuery, type QueryParams } from './query.ts';

type SourceRoute = 'ingestPush' | 'sourceQuery';

export interface SourceHandlerDeps {
  readonly push: PushIngest;
  readonly workspace: () => Workspace | null;
  readonly liveAdapter: (source: PolledSourceConfig) => SourceAdapter | null;
  readonly createAdapter: (source: PolledSourceConfig) => SourceAdapter;
}

const codeOf = { 400: 'invalid', 404: 'not_found', 502: 'upstream' } as const;

export function sourceHandlers(deps: SourceHandlerDeps): Pick<RouteHandlers, SourceRoute> {
  return {
    sourceQuery: async ({ request }) => {
      const params = request.query as QueryParams;
      try {
        return await runSourceQuery(
          {
            sources: () => deps.workspace()?.sources ?? [],
            liveAdapter: deps.liveAdapter,
            createAdapter: deps.createAdapter,
            pushed: (id, query) => deps.push.latest(id, query),
            now: Date.now,
          },
          (request.params as { id: string }).id,
          params,
        );
      } catch (error) {
        if (error instanceof QueryRefused) throw new HttpError(error.status, codeOf[error.status], error.message);
        throw error;
      }
    },
    ingestPush: ({ body }) => {
      try {
        return deps.push.ingest(body as PushBody);
      } catch (error) {
        if (error instanceof PushRejected) throw new HttpError(400, 'invalid', error.message);
        throw error;
      }
    },
  };
}
