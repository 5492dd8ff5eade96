// EnvironmentInfoBoot: states in stack_info what the advice is computed for (reference §3.4), so a
// reader of any result, failed or not, sees the recommendation type and target interpreter.
import type { Boot, UnitDefinition } from '../types.js';

export const id = 'EnvironmentInfoBoot';
export const description = 'Reports the recommendation type, Python version and constraints in stack_info';

export const unit = {
  id,
  type: 'boot',
  description,
  shouldInclude: () => [{}],
  create: (): Boot => ({
    name: id,
    run(context) {
      context.stackInfo.push({
        type: 'info',
        message: `Resolving for Python ${context.environment.pythonVersion} with recommendation type ${context.recommendationType}.`,
        link: 'env',
        unit: id,
      });
      if (context.constraints.length > 0) {
        context.stackInfo.push({
          type: 'info',
          message: `Applying ${context.constraints.length} constraint(s): ${context.constraints
            .map((c) => `${c.name}${c.specifier}`)
            .join(', ')}.`,
          link: 'constraints',
          unit: id,
        });
      }
    },
  }),
} satisfies UnitDefinition<'boot'>;
