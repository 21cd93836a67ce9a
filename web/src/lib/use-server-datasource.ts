// AG Grid infinite row model fed by a list endpoint (`{ rows, total }` with limit/offset/sort and filters).
import type { IDatasource, IGetRowsParams } from 'ag-grid-community';
import { useEffect, useMemo, useRef } from 'react';
import { api, type QueryParams } from './api';
import { notifyError } from './notify';
import type { ListResponse } from './types';

export interface ServerDatasourceOptions {
  /** The list endpoint, e.g. `/catalog/skus`. */
  path: string;
  /** Filters from outside the grid (search box, selects); a new value restarts the grid from row 0. */
  params: QueryParams;
  /** Column id → query parameter for the grid's column filters (`{ tags: 'tag' }`). */
  filterParams?: Record<string, string>;
  /** Called with the total row count after every block. */
  onTotal?: (total: number) => void;
}

interface TextFilterModel {
  filter?: string | number | null;
  type?: string;
}

/** Turns the grid's filter model into query parameters via `filterParams`. */
export function filterModelToParams(
  model: Record<string, unknown> | null | undefined,
  filterParams: Record<string, string> | undefined,
): QueryParams {
  const params: QueryParams = {};
  if (!model || !filterParams) return params;
  for (const [colId, raw] of Object.entries(model)) {
    const filter = (raw ?? {}) as TextFilterModel;
    const param = filterParams[colId];
    if (!param || filter.filter === null || filter.filter === undefined || filter.filter === '') continue;
    params[param] = String(filter.filter).trim();
  }
  return params;
}

/** Turns the grid's sort model into the API's `field:asc|desc` (the first sorted column). */
export function sortModelToParam(sortModel: IGetRowsParams['sortModel']): string | undefined {
  const first = sortModel[0];
  return first ? `${first.colId}:${first.sort}` : undefined;
}

/** A datasource whose identity changes only when `params` change (so typing elsewhere does not reload). */
export function useServerDatasource<T>(options: ServerDatasourceOptions): IDatasource {
  const { path, params, filterParams } = options;
  const onTotalRef = useRef(options.onTotal);
  useEffect(() => {
    onTotalRef.current = options.onTotal;
  });
  const paramsKey = JSON.stringify(params);
  const filterKey = JSON.stringify(filterParams ?? {});

  return useMemo<IDatasource>(() => {
    const fixed = JSON.parse(paramsKey) as QueryParams;
    const columnParams = JSON.parse(filterKey) as Record<string, string>;
    return {
      getRows(request: IGetRowsParams) {
        const query: QueryParams = {
          ...fixed,
          ...filterModelToParams(request.filterModel as Record<string, unknown>, columnParams),
          limit: request.endRow - request.startRow,
          offset: request.startRow,
          sort: sortModelToParam(request.sortModel),
        };
        api
          .get<ListResponse<T>>(path, query)
          .then((page) => {
            onTotalRef.current?.(page.total);
            request.successCallback(page.rows, page.total);
          })
          .catch((err: unknown) => {
            notifyError(err);
            request.failCallback();
          });
      },
    };
  }, [path, paramsKey, filterKey]);
}
