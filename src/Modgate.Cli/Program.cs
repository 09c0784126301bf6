Console.WriteLine("modgate");
