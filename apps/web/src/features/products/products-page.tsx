import { Anchor, Badge, Button, Group, Loader, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { Link, useNavigate } from '@tanstack/react-router';
import dayjs from 'dayjs';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { EmptyState } from '../../components/empty-state';
import { GuardedButton } from '../../components/guarded-button';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { type Product, type ProductListQuery, useProductList } from './api';
import { formatMoney } from './money';

const SORTS: { value: string; label: string; query: Pick<ProductListQuery, 'sort' | 'order'> }[] = [
  { value: 'newest', label: 'Newest first', query: { sort: 'createdAt', order: 'desc' } },
  { value: 'updated', label: 'Recently updated', query: { sort: 'updatedAt', order: 'desc' } },
  { value: 'title', label: 'Title A–Z', query: { sort: 'title', order: 'asc' } },
  { value: 'title-desc', label: 'Title Z–A', query: { sort: 'title', order: 'desc' } },
  { value: 'price', label: 'Price, low to high', query: { sort: 'price', order: 'asc' } },
  { value: 'price-desc', label: 'Price, high to low', query: { sort: 'price', order: 'desc' } },
];
const STATUSES = [
  { value: 'active', label: 'Active' },
  { value: 'archived', label: 'Archived' },
  { value: 'all', label: 'All' },
];
/** Every row has this height, so the virtualiser knows where each one is without measuring. */
const ROW_HEIGHT = 49;

export function ProductsPage() {
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState('active');
  const [sort, setSort] = useState('newest');
  const [q] = useDebouncedValue(search.trim(), 250);
  const query: ProductListQuery = {
    ...(q ? { q } : {}),
    ...(status === 'all' ? {} : { status: status as Product['status'] }),
    ...SORTS.find((option) => option.value === sort)?.query,
  };
  const list = useProductList(query);
  const isFiltered = q !== '' || status !== 'active';
  const addProduct = () => void navigate({ to: '/products/new' });
  const importCsv = () => void navigate({ to: '/imports' });

  return (
    <>
      <PageHeader
        title="Products"
        description="Your catalog: what you sell and promote."
        actions={
          <>
            <GuardedButton requires="write" variant="default" onClick={importCsv}>
              Import a CSV
            </GuardedButton>
            <GuardedButton requires="write" onClick={addProduct}>
              Add a product
            </GuardedButton>
          </>
        }
      />
      <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
        <TextInput
          label="Search"
          placeholder="Title or description"
          type="search"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          style={{ flex: '1 1 240px' }}
        />
        <Select
          label="Status"
          data={STATUSES}
          value={status}
          onChange={(value) => value && setStatus(value)}
          allowDeselect={false}
          w={140}
        />
        <Select
          label="Sort by"
          data={SORTS}
          value={sort}
          onChange={(value) => value && setSort(value)}
          allowDeselect={false}
          w={200}
        />
      </Group>
      <QueryState query={list} label="products">
        {(data) => {
          const products = data.pages.flatMap((page) => page.items);
          if (products.length > 0) {
            return (
              <ProductTable
                products={products}
                sort={query.sort ?? 'createdAt'}
                order={query.order ?? 'desc'}
                hasMore={list.hasNextPage}
                loadMore={() => {
                  if (!list.isFetchingNextPage) void list.fetchNextPage();
                }}
              />
            );
          }
          if (isFiltered) {
            return (
              <EmptyState
                title="No products match"
                actions={
                  <Button
                    variant="default"
                    onClick={() => {
                      setSearch('');
                      setStatus('active');
                    }}
                  >
                    Clear the search and filters
                  </Button>
                }
              >
                Try other words, or look at archived products too.
              </EmptyState>
            );
          }
          return (
            <EmptyState
              title="No products yet"
              actions={
                <Group gap="sm" justify="center">
                  <GuardedButton requires="write" onClick={addProduct}>
                    Add a product
                  </GuardedButton>
                  <GuardedButton requires="write" variant="default" onClick={importCsv}>
                    Import a CSV
                  </GuardedButton>
                </Group>
              }
            >
              Add your first product by hand or from its page in your shop, or import your catalog from a CSV
              or JSON file.
            </EmptyState>
          );
        }}
      </QueryState>
    </>
  );
}

/**
 * Only the rows in view (and a few around them) are in the DOM, so ten thousand products scroll as fast as
 * twenty; reaching the last loaded row loads the next page.
 */
function ProductTable({
  products,
  sort,
  order,
  hasMore,
  loadMore,
}: {
  products: Product[];
  sort: NonNullable<ProductListQuery['sort']>;
  order: NonNullable<ProductListQuery['order']>;
  hasMore: boolean;
  loadMore: () => void;
}) {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (body) setScrollMargin(body.getBoundingClientRect().top + window.scrollY);
  }, []);
  const rowCount = products.length + (hasMore ? 1 : 0);
  const virtualizer = useWindowVirtualizer({
    count: rowCount,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin,
  });
  const rows = virtualizer.getVirtualItems();
  const lastIndex = rows.at(-1)?.index ?? 0;
  useEffect(() => {
    if (hasMore && lastIndex >= products.length - 1) loadMore();
  }, [hasMore, lastIndex, products.length, loadMore]);

  const before = rows.length > 0 ? rows[0].start - scrollMargin : 0;
  const after = rows.length > 0 ? virtualizer.getTotalSize() - (rows.at(-1)!.end - scrollMargin) : 0;
  const ariaSort = (column: typeof sort) =>
    sort === column ? (order === 'asc' ? 'ascending' : 'descending') : undefined;

  return (
    <Table.ScrollContainer minWidth={340} type="native">
      <Table
        highlightOnHover
        aria-label="Products"
        aria-rowcount={hasMore ? -1 : products.length + 1}
        layout="fixed"
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="40%" aria-sort={ariaSort('title')}>
              Title
            </Table.Th>
            <Table.Th w="16%" visibleFrom="sm">
              SKU
            </Table.Th>
            <Table.Th w="14%" ta="right" aria-sort={ariaSort('price')}>
              Price
            </Table.Th>
            <Table.Th w="12%">Status</Table.Th>
            <Table.Th w="18%" visibleFrom="sm" aria-sort={ariaSort('updatedAt')}>
              Updated
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody ref={bodyRef}>
          {before > 0 && <tr aria-hidden style={{ height: before }} />}
          {rows.map((row) => {
            const product = products[row.index];
            if (!product) {
              return (
                <Table.Tr key="loading" h={ROW_HEIGHT}>
                  <Table.Td colSpan={5}>
                    <Group gap="xs">
                      <Loader size="xs" aria-label="Loading more products" />
                      <Text size="sm" c="dimmed">
                        Loading more…
                      </Text>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            }
            return <ProductRow key={product.id} product={product} rowIndex={row.index + 2} />;
          })}
          {after > 0 && <tr aria-hidden style={{ height: after }} />}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ProductRow({ product, rowIndex }: { product: Product; rowIndex: number }) {
  return (
    <Table.Tr h={ROW_HEIGHT} aria-rowindex={rowIndex}>
      <Table.Td style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
        <Anchor
          fw={500}
          renderRoot={(props) => (
            <Link {...props} to="/products/$productId" params={{ productId: product.id }} />
          )}
        >
          {product.title}
        </Anchor>
      </Table.Td>
      <Table.Td
        visibleFrom="sm"
        style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
      >
        {product.externalId ?? ''}
      </Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        {formatMoney(product.priceMinor, product.currency)}
      </Table.Td>
      <Table.Td>
        {product.status === 'archived' ? (
          <Badge color="gray.7" variant="filled" size="sm">
            Archived
          </Badge>
        ) : (
          <Text size="sm">Active</Text>
        )}
      </Table.Td>
      <Table.Td visibleFrom="sm" style={{ whiteSpace: 'nowrap' }}>
        {dayjs(product.updatedAt).format('D MMM YYYY')}
      </Table.Td>
    </Table.Tr>
  );
}
