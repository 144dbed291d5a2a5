when did Ansar al Din join JNIM
