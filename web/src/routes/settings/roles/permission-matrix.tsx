// The role editor's module × action grid of checkboxes (only actions a module offers can be ticked).
import { useQuery } from '@tanstack/react-query';
import { Checkbox, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api';
import { ACTIONS, type Action, type Module, type PermissionCatalog, type Permissions } from '../../../lib/types';

interface Row {
  module: Module;
  actions: Action[];
}

export function usePermissionCatalog() {
  return useQuery({
    queryKey: ['permissions', 'catalog'],
    queryFn: () => api.get<PermissionCatalog>('/permissions/catalog'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function PermissionMatrix(props: {
  value?: Permissions;
  onChange?: (value: Permissions) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const catalog = usePermissionCatalog();
  const value = props.value ?? {};

  const toggle = (module: Module, action: Action, checked: boolean) => {
    const current = new Set(value[module] ?? []);
    if (checked) current.add(action);
    else current.delete(action);
    // Any action implies seeing the module.
    if (checked && action !== 'view') current.add('view');
    const next: Permissions = { ...value, [module]: ACTIONS.filter((a) => current.has(a)) };
    props.onChange?.(next);
  };

  const toggleRow = (row: Row, checked: boolean) =>
    props.onChange?.({ ...value, [row.module]: checked ? [...row.actions] : [] });

  const columns: TableColumnsType<Row> = [
    {
      title: t('roles.module'),
      key: 'module',
      width: 160,
      render: (_: unknown, row: Row) => {
        const granted = value[row.module] ?? [];
        return (
          <Checkbox
            disabled={props.disabled}
            checked={granted.length > 0 && granted.length === row.actions.length}
            indeterminate={granted.length > 0 && granted.length < row.actions.length}
            onChange={(e) => toggleRow(row, e.target.checked)}
          >
            {t(`modules.${row.module}`, { defaultValue: row.module })}
          </Checkbox>
        );
      },
    },
    ...ACTIONS.map((action) => ({
      title: t(`actions.${action}`),
      key: action,
      align: 'center' as const,
      render: (_: unknown, row: Row) =>
        row.actions.includes(action) ? (
          <Checkbox
            disabled={props.disabled}
            checked={(value[row.module] ?? []).includes(action)}
            onChange={(e) => toggle(row.module, action, e.target.checked)}
            data-testid={`perm-${row.module}-${action}`}
          />
        ) : null,
    })),
  ];

  return (
    <Table<Row>
      size="small"
      rowKey="module"
      loading={catalog.isPending}
      columns={columns}
      dataSource={catalog.data?.modules ?? []}
      pagination={false}
      bordered
    />
  );
}
