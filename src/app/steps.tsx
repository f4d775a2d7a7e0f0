import type { ComponentType } from 'react';
import { ChannelStep } from '../features/channel/ChannelStep';
import { DealStep } from '../features/deal/DealStep';
import { PlatformStep } from '../features/platform/PlatformStep';
import { PricingStep } from '../features/pricing/PricingStep';
import type { StepId } from './routing';

/** The form of each wizard step built so far; the others show a placeholder. */
export const STEP_FORMS: Partial<Record<StepId, ComponentType>> = {
  deal: DealStep,
  platform: PlatformStep,
  channel: ChannelStep,
  pricing: PricingStep,
};
