import { PageHeader } from '../../components/page-header';
// PLACEHOLDER-PAGE: replaced by the feature's real page.
export function NewProductPage() {
  return <PageHeader title="NewProduct" />;
}
export function ProductPage() {
  return <PageHeader title="Product" />;
}
