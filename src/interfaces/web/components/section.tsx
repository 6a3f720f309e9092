/** A titled card of a page, with an optional line saying what it shows; screen readers reach it by its title. */
import { Card, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";

export function Section({ title, subtitle, children }: { title: string; subtitle?: string; children: ReactNode }) {
  return (
    <Card withBorder padding="md" component="section" aria-label={title}>
      <Title order={3} size="h4">
        {title}
      </Title>
      {subtitle && (
        <Text size="sm" c="dimmed" mb="sm">
          {subtitle}
        </Text>
      )}
      {children}
    </Card>
  );
}
