// An antd Table fed page by page from a list endpoint (limit/offset/sort + filters), via TanStack Query.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TablePaginationConfig, TableProps } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type QueryParams } from './api';
import type { ListResponse } from './types';

export interface PagedList<T> {
  rows: T[];
  total: number;
  isFetching: boolean;
  refetch: () => void;
  /** Spread onto <Table>: data, loading, pagination and server-side sorting. */
  tableProps: Pick<TableProps<T>, 'dataSource' | 'loading' | 'pagination' | 'onChange'>;
}

/** Pages through `path` with `filters`; the page returns to 1 when the filters change. */
export function usePagedList<T>(
  path: string,
  filters: QueryParams,
  options: { pageSize?: number; enabled?: boolean } = {},
) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(options.pageSize ?? 20);
  const [sort, setSort] = useState<string | undefined>();
  const filterKey = JSON.stringify(filters);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset paging when the serialised filters change
  useEffect(() => setPage(1), [filterKey]);

  const query = useQuery({
    queryKey: [path, 'page', filterKey, page, pageSize, sort],
    queryFn: ({ signal }) =>
      api.get<ListResponse<T>>(path, { ...filters, limit: pageSize, offset: (page - 1) * pageSize, sort }, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });

  const pagination: TablePaginationConfig = {
    current: page,
    pageSize,
    total: query.data?.total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [20, 50, 100, 200],
    showTotal: (total) => t('common.totalRows', { count: total }),
  };

  const result: PagedList<T> = {
    rows: query.data?.rows ?? [],
    total: query.data?.total ?? 0,
    isFetching: query.isFetching,
    refetch: () => void query.refetch(),
    tableProps: {
      dataSource: query.data?.rows ?? [],
      loading: query.isFetching,
      pagination,
      onChange: (next, _filters, sorter) => {
        setPage(next.current ?? 1);
        setPageSize(next.pageSize ?? pageSize);
        const single = Array.isArray(sorter) ? sorter[0] : sorter;
        const field = single?.columnKey ?? (Array.isArray(single?.field) ? single.field.join('.') : single?.field);
        setSort(single?.order && field ? `${String(field)}:${single.order === 'ascend' ? 'asc' : 'desc'}` : undefined);
      },
    },
  };
  return result;
}
