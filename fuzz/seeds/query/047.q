expect ties of "Wagner Group" via targets with confidence confirmed is empty
