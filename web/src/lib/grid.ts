// AG Grid Community set-up shared by every grid: modules, theme, translated grid texts, inline-edit plumbing.
import {
  AllCommunityModule,
  type CellEditRequestEvent,
  type ColDef,
  ModuleRegistry,
  themeQuartz,
} from 'ag-grid-community';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api';
import { notifyError, notifySuccess } from './notify';

ModuleRegistry.registerModules([AllCommunityModule]);

export const gridTheme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 13,
  headerFontWeight: 600,
  accentColor: '#1677ff',
  rowHeight: 36,
  headerHeight: 38,
  spacing: 6,
  wrapperBorderRadius: 8,
});

/** AG Grid's own texts (filters, menus, loading) in the UI language. */
export function useGridLocaleText(): Record<string, string> {
  const { t, i18n } = useTranslation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the texts change with the language only
  return useMemo(() => t('agGrid', { returnObjects: true }) as Record<string, string>, [t, i18n.language]);
}

/**
 * What an editable column sends: `toPatch` turns the edited value into the PATCH body
 * (default `{ [field]: value }`); return a string to refuse the value with that message.
 */
export interface EditContext<T> {
  toPatch?: (value: unknown, row: T) => Record<string, unknown> | string;
}

/** Text filter on one column (exact value); the datasource's `filterParams` names its query parameter. */
export const textFilter: Pick<ColDef, 'filter' | 'floatingFilter' | 'suppressFloatingFilterButton' | 'filterParams'> = {
  filter: 'agTextColumnFilter',
  floatingFilter: true,
  suppressFloatingFilterButton: true,
  filterParams: { filterOptions: ['equals'], maxNumConditions: 1, debounceMs: 400 },
};

/**
 * Handles `onCellEditRequest` of a grid with `readOnlyEdit`: shows the new value at once, PATCHes it,
 * keeps the server's row on success and puts the old row back (with the server's error) on failure.
 */
export function useCellEditRequest<T extends { id: string }>(pathOf: (row: T) => string) {
  const { t } = useTranslation();
  return useMemo(
    () => (event: CellEditRequestEvent<T>) => {
      const row = event.data;
      if (!row || event.newValue === event.oldValue) return;
      const context = event.colDef.context as EditContext<T> | undefined;
      const field = event.colDef.field ?? event.column.getColId();
      const patch = context?.toPatch ? context.toPatch(event.newValue, row) : { [field]: event.newValue };
      if (typeof patch === 'string') {
        notifyError(new Error(patch));
        return;
      }
      event.node.setData({ ...row, ...patch });
      api
        .patch<T>(pathOf(row), patch)
        .then((updated) => {
          const next = updated && typeof updated === 'object' && 'id' in updated ? updated : { ...row, ...patch };
          event.node.setData(next);
          event.api.flashCells({ rowNodes: [event.node], columns: [event.column] });
          notifySuccess(t('common.saved'));
        })
        .catch((err: unknown) => {
          event.node.setData(row);
          notifyError(err);
        });
    },
    [pathOf, t],
  );
}
