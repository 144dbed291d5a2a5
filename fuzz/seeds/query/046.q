expect ties of "Pro-separatist rebels" via condemns includes "Malian junta", "Wagner Group"
