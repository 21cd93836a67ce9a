// The store and marketplace selects the inventory pages share (marketplaces narrow to the chosen store's).
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMarketplaceMap, useStores } from '../../lib/reference-data';

export function StoreMarketplaceFilter(props: {
  storeId: string | undefined;
  marketplaceId: string | undefined;
  onStore: (id: string | undefined) => void;
  onMarketplace: (id: string | undefined) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const stores = useStores();
  const marketplaces = useMarketplaceMap();
  const store = stores.data?.rows.find((s) => s.id === props.storeId);
  const options = (store ? store.marketplaceIds : [...marketplaces.keys()]).map((id) => ({
    value: id,
    label: marketplaces.get(id)?.code ?? id,
  }));
  return (
    <>
      <Select
        allowClear
        placeholder={t('inventory.store')}
        style={{ width: 140 }}
        value={props.storeId}
        onChange={(value?: string) => {
          props.onStore(value);
          props.onMarketplace(undefined);
        }}
        options={(stores.data?.rows ?? []).map((s) => ({ value: s.id, label: s.name }))}
        data-testid={`${props.testId}-store`}
      />
      <Select
        allowClear
        placeholder={t('inventory.marketplace')}
        style={{ width: 120 }}
        value={props.marketplaceId}
        onChange={props.onMarketplace}
        options={options}
      />
    </>
  );
}
