is Wagner fighting JNIM
