/** The service catalogue calls: the core's catalogue (main/services/catalogue/store.ts) does the work. */
import type { HandlerContext, Handlers } from './types';

type CatalogueCalls = 'catalogue.status' | 'catalogue.search' | 'catalogue.refresh';

export function catalogueHandlers({ catalogue }: HandlerContext): Handlers<CatalogueCalls> {
  return {
    'catalogue.status': () => catalogue.overview(),
    'catalogue.search': (r) => catalogue.search(r),
    'catalogue.refresh': async () => {
      await catalogue.refresh();
      return catalogue.overview();
    },
  };
}
