import { PageHeader } from '../../components/page-header';
// PLACEHOLDER-PAGE: replaced by the feature's real page.
export function PostPage() {
  return <PageHeader title="Post" />;
}
