/** The data endpoints of the route table: push ingest, and running a query as a panel would. */
import type { Workspace } from '../../../shared/model/workspace.ts';
import type { PushBody } from '../../../shared/protocol/push.ts';
import { HttpError, type RouteHandlers } from '../server/http.ts';
import { PushRejected, type PushIngest } from './push/ingest.ts';

type SourceRoute = 'ingestPush';

export interface SourceHandlerDeps {
  readonly push: PushIngest;
  readonly workspace: () => Workspace | null;
}

export function sourceHandlers(deps: SourceHandlerDeps): Pick<RouteHandlers, SourceRoute> {
  return {
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
