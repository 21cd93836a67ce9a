// An AG Grid on the infinite row model over a list endpoint: 200-row blocks, server sort/filter, inline edit → PATCH.
import type { ColDef, GridApi } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { type Ref, useCallback, useImperativeHandle, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueryParams } from '../lib/api';
import { gridTheme, useCellEditRequest, useGridLocaleText } from '../lib/grid';
import { filterModelToParams, useServerDatasource } from '../lib/use-server-datasource';

export interface ServerGridHandle {
  /** Reloads the rows from the server, keeping the scroll position. */
  refresh(): void;
  /** Clears the grid's column filters. */
  clearFilters(): void;
  /** The current column filters as query parameters (for exports). */
  filterParams(): QueryParams;
}

interface ServerGridProps<T extends { id: string }> {
  path: string;
  params: QueryParams;
  columns: ColDef<T>[];
  filterParams?: Record<string, string>;
  /** Path of the row for PATCH; without it the grid is read-only. */
  rowPath?: (row: T) => string;
  onTotal?: (total: number) => void;
  /** A click on a row (outside links and buttons in its cells), e.g. to open the row's page. */
  onRowClicked?: (row: T) => void;
  handle?: Ref<ServerGridHandle>;
  testId?: string;
}

const BLOCK_SIZE = 200;
const DEFAULT_COL_DEF: ColDef = { resizable: true, sortable: false, minWidth: 48, suppressHeaderMenuButton: false };

export function ServerGrid<T extends { id: string }>(props: ServerGridProps<T>) {
  const { i18n } = useTranslation();
  const apiRef = useRef<GridApi<T> | null>(null);
  const localeText = useGridLocaleText();
  const datasource = useServerDatasource<T>({
    path: props.path,
    params: props.params,
    filterParams: props.filterParams,
    onTotal: props.onTotal,
  });
  const fallbackPath = useCallback((row: T) => `${props.path}/${row.id}`, [props.path]);
  const onCellEditRequest = useCellEditRequest<T>(props.rowPath ?? fallbackPath);

  useImperativeHandle(
    props.handle,
    () => ({
      refresh: () => apiRef.current?.refreshInfiniteCache(),
      clearFilters: () => apiRef.current?.setFilterModel(null),
      filterParams: () => filterModelToParams(apiRef.current?.getFilterModel(), props.filterParams),
    }),
    [props.filterParams],
  );

  return (
    <div className="yf-grid" data-testid={props.testId}>
      <AgGridReact<T>
        key={i18n.language}
        theme={gridTheme}
        loadThemeGoogleFonts={false}
        localeText={localeText}
        rowModelType="infinite"
        datasource={datasource}
        cacheBlockSize={BLOCK_SIZE}
        maxBlocksInCache={100}
        blockLoadDebounceMillis={50}
        infiniteInitialRowCount={BLOCK_SIZE}
        columnDefs={props.columns}
        defaultColDef={DEFAULT_COL_DEF}
        getRowId={(p) => p.data.id}
        readOnlyEdit
        onCellEditRequest={props.rowPath || props.columns.some((c) => c.editable) ? onCellEditRequest : undefined}
        stopEditingWhenCellsLoseFocus
        enableCellTextSelection
        rowClass={props.onRowClicked ? 'yf-clickable-row' : undefined}
        onRowClicked={
          props.onRowClicked
            ? (event) => {
                const target = event.event?.target;
                if (target instanceof Element && target.closest('a, button')) return;
                if (event.data) props.onRowClicked?.(event.data);
              }
            : undefined
        }
        onGridReady={(event) => {
          apiRef.current = event.api;
        }}
      />
    </div>
  );
}
