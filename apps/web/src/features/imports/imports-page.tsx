import { PageHeader } from '../../components/page-header';
// PLACEHOLDER-PAGE: replaced by the feature's real page.
export function ImportsPage() {
  return <PageHeader title="Imports" />;
}
