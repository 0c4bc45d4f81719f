import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api/client';
import { unwrap } from '../../lib/api/api-error';

/** What the calendar's campaign filter needs of a campaign. */
export interface CampaignOption {
  id: string;
  name: string;
}

export const calendarKeys = { campaigns: ['calendar', 'campaigns'] as const };

export function useCampaignOptions() {
  return useQuery({
    queryKey: calendarKeys.campaigns,
    queryFn: async () => {
      // The OpenAPI document does not describe campaigns' fields yet: read the two the filter uses.
      const campaigns = unwrap(await api.GET('/api/v1/campaigns')) as unknown as CampaignOption[];
      return campaigns.map(({ id, name }) => ({ id, name }));
    },
  });
}
