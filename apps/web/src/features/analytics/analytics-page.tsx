import { PageHeader } from '../../components/page-header';
// PLACEHOLDER-PAGE: replaced by the feature's real page.
export function AnalyticsPage() {
  return <PageHeader title="Analytics" />;
}
